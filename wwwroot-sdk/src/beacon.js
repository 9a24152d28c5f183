// Last-chance delivery on page hide: navigator.sendBeacon with text/plain Blobs (a CORS-simple
// request, so no preflight during unload), each under the ~64 KB keepalive budget.
import { LIMITS } from './constants.js';
import { batchBody, splitBySize } from './transport.js';

/** A sendBeacon-like function: navigator.sendBeacon, else fetch keepalive, else null. */
export function defaultBeacon(nav = globalThis.navigator, fetchFn = globalThis.fetch) {
  if (nav && typeof nav.sendBeacon === 'function') return (url, data) => nav.sendBeacon(url, data);
  if (typeof fetchFn === 'function')
    return (url, data) => {
      fetchFn(url, { method: 'POST', body: data, keepalive: true, credentials: 'omit' }).catch(() => {});
      return true;
    };
  return null;
}

/**
 * Sends `messages` in chunks. Stops at the first chunk the browser refuses (quota), so the rest
 * stay queued for the next page load. Returns the messageIds handed to the browser.
 */
export function beaconMessages({ sendBeacon, Blob: BlobCtor = globalThis.Blob, url, messages, writeKey, sentAt, limit = LIMITS.beaconChunkBytes }) {
  const sent = [];
  if (!sendBeacon || !messages.length) return sent;
  for (const chunk of splitBySize(messages, { writeKey, sentAt, limit })) {
    const body = batchBody(chunk, writeKey, sentAt);
    let ok = false;
    try {
      ok = sendBeacon(url, new BlobCtor([body], { type: 'text/plain' }));
    } catch {
      ok = false;
    }
    if (!ok) break;
    for (const m of chunk) sent.push(m.messageId);
  }
  return sent;
}
