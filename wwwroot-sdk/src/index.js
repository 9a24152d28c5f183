// Browser entry: builds the real dependencies, replaces the stub with the SDK and replays it.
import { createClient } from './client.js';
import { createSignalRConnection } from './hub-connection.js';
import { defaultBeacon } from './beacon.js';
import { findScript, configFromScript } from './script-config.js';
import { replayStub } from './stub.js';

(function boot(win) {
  if (!win || !win.document) return;
  const existing = win.campaign;
  if (existing && existing.VERSION) return; // loaded twice
  const script = findScript(win.document);
  const client = createClient({
    window: win,
    fetch: win.fetch && win.fetch.bind(win),
    sendBeacon: defaultBeacon(win.navigator, win.fetch && win.fetch.bind(win)),
    createConnection: createSignalRConnection,
  });
  win.campaign = client;
  replayStub(existing, client, configFromScript(script, win.location && win.location.href));
})(typeof window !== 'undefined' ? window : undefined);
