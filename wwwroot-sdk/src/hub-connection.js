// The real SignalR connection factory (the only module importing @microsoft/signalr).
import { HubConnectionBuilder, LogLevel } from '@microsoft/signalr';

/**
 * @param {string} url hub URL including the query string
 * @param {{reconnectPolicy: {nextRetryDelayInMilliseconds(ctx): number}, debug?: boolean}} opts
 */
export function createSignalRConnection(url, { reconnectPolicy, debug = false }) {
  let b = new HubConnectionBuilder()
    // No cookies: the SDK runs on customers' sites; identity is the query string.
    .withUrl(url, { withCredentials: false })
    .withAutomaticReconnect(reconnectPolicy)
    .configureLogging(debug ? LogLevel.Information : LogLevel.None);
  // Stateful reconnect (SignalR 8+) replays messages buffered during a short drop.
  if (typeof b.withStatefulReconnect === 'function') b = b.withStatefulReconnect();
  return b.build();
}
