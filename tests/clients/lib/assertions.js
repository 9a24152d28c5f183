import assert from 'node:assert/strict';
import { eventsOf } from './server.js';
import { describe } from './proxy.js';

/** The messages an SDK really sent, read from the proxy's record of its requests. */
export function sentMessages(proxy) {
  return proxy.requests.flatMap((r) => (r.json && Array.isArray(r.json.batch) ? r.json.batch : []));
}

/** Every request reached the server and was accepted (the proxy's own injected 503s aside). */
export function assertAllAccepted(proxy) {
  assert.ok(proxy.requests.length > 0, 'the SDK sent no request at all');
  for (const r of proxy.requests)
    assert.equal(r.status, 200, `the server refused a request the SDK sent:\n${describe(r)}`);
}

/** Each of `messages` is stored exactly once under `userId`, and nothing else is. */
export async function assertStoredExactlyOnce(baseUrl, userId, messages) {
  const wanted = new Map(messages.map((m) => [m.messageId, m]));
  const stored = await eventsOf(baseUrl, userId, { limit: 7 }); // small pages: exercises nextCursor
  const counts = new Map();
  for (const e of stored) counts.set(e.messageId, (counts.get(e.messageId) ?? 0) + 1);
  const dupes = [...counts].filter(([, n]) => n > 1);
  assert.deepEqual(dupes, [], 'messageIds stored more than once');
  const missing = [...wanted.keys()].filter((id) => !counts.has(id));
  assert.deepEqual(missing, [], `sent but not stored (stored ${stored.length} of ${wanted.size})`);
  const extra = [...counts.keys()].filter((id) => !wanted.has(id));
  assert.deepEqual(extra, [], 'stored but never sent');
  for (const e of stored) {
    const m = wanted.get(e.messageId);
    assert.equal(e.type, m.type, `type of ${e.messageId}`);
    if (m.type === 'track') {
      assert.equal(e.name, m.event, `name of ${e.messageId}`);
      assert.deepEqual(e.properties.seq, m.properties.seq, `properties.seq of ${e.messageId}`);
    }
  }
  return stored;
}

/**
 * The stored event time is the call time, not the arrival. The server shifts times by the clock skew
 * receivedAt − sentAt (Segment's rule) when that is 2 s or more, so on a loaded machine the network
 * latency may legitimately be added: the stored time lies in [call, call + latency]. Stored as the
 * arrival, it would be later by the time the message waited in the SDK's queue.
 */
export function assertKeptCallTime(stored, calledAt, sentAt) {
  const latency = Date.parse(stored.receivedAt) - Date.parse(sentAt);
  const drift = Date.parse(stored.timestamp) - calledAt;
  const allowed = Math.max(1000, latency + 250);
  assert.ok(drift > -250 && drift < allowed,
    `stored time ${stored.timestamp} is ${drift} ms after the call (${new Date(calledAt).toISOString()}); ` +
    `received ${stored.receivedAt}, batch sentAt ${sentAt}: allowed up to ${allowed} ms`);
}
