// @rudderstack/rudder-sdk-node, unmodified (gzip on, its default), against the server through a recording proxy.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import Analytics from '@rudderstack/rudder-sdk-node';
import { startServer, WRITE_KEY } from './lib/server.js';
import { startProxy } from './lib/proxy.js';
import { assertAllAccepted, assertKeptCallTime, assertStoredExactlyOnce, sentMessages } from './lib/assertions.js';

const N = 50;
let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

async function sendWithRudder(dataPlaneUrl, userId, options = {}) {
  const errors = [];
  const client = new Analytics(WRITE_KEY, { dataPlaneUrl, flushAt: 20, flushInterval: 200, logLevel: 'error', errorHandler: (e) => errors.push(e), ...options });
  // Done when every message's callback has run (the SDK calls it once its batch is answered or given up).
  const delivered = [];
  const cb = () => {
    let resolve;
    delivered.push(new Promise((r) => { resolve = r; }));
    return (err) => { if (err) errors.push(err); resolve(); };
  };
  client.identify({ userId, traits: { name: 'Rudder Sdk', plan: 'silver' } }, cb());
  for (let seq = 0; seq < N; seq++)
    client.track({ userId, event: seq % 2 ? 'sdk_add_to_cart' : 'sdk_viewed_item', properties: { seq, sku: `SKU-${seq}`, price: seq + 0.5 } }, cb());
  client.page({ userId, name: 'Pricing', properties: { url: 'https://example.com/pricing' } }, cb());
  client.flush().catch(() => { /* reported through errorHandler */ });
  await Promise.all(delivered);
  return errors;
}

test(`RudderStack SDK: ${N} tracks (+ identify, page), gzip-compressed, are each stored exactly once`, async () => {
  const proxy = await startProxy(server.baseUrl);
  try {
    const userId = `rs-${randomUUID()}`;
    const errors = await sendWithRudder(proxy.url, userId);
    assertAllAccepted(proxy);
    assert.deepEqual(errors, [], 'the SDK reported delivery errors');
    // RudderStack compresses by default: the server must take gzip.
    for (const r of proxy.requests) assert.equal(r.headers['content-encoding'], 'gzip', 'RudderStack sent an uncompressed body');
    assert.match(proxy.requests[0].headers.authorization, /^Basic /);
    const sent = sentMessages(proxy);
    assert.equal(sent.length, N + 2);
    await assertStoredExactlyOnce(server.baseUrl, userId, sent);
  } finally {
    await proxy.close();
  }
});

test('RudderStack SDK with gzip off is accepted too', async () => {
  const proxy = await startProxy(server.baseUrl);
  try {
    const userId = `rs-plain-${randomUUID()}`;
    const errors = await sendWithRudder(proxy.url, userId, { gzip: false });
    assertAllAccepted(proxy);
    assert.deepEqual(errors, []);
    assert.ok(proxy.requests.every((r) => !r.headers['content-encoding']));
    await assertStoredExactlyOnce(server.baseUrl, userId, sentMessages(proxy));
  } finally {
    await proxy.close();
  }
});

test('RudderStack SDK: a batch whose response is lost is retried by the SDK and stored once', async () => {
  const proxy = await startProxy(server.baseUrl, { failAfterForwarding: 2 });
  try {
    const userId = `rs-retry-${randomUUID()}`;
    const errors = await sendWithRudder(proxy.url, userId, { retryCount: 5 });
    assert.deepEqual(errors, [], 'the SDK gave up on a batch');
    assert.equal(proxy.requests.filter((r) => r.injected).length, 2);
    assertAllAccepted(proxy);
    const sent = sentMessages(proxy);
    const unique = new Map(sent.map((m) => [m.messageId, m]));
    assert.ok(sent.length > unique.size, 'the SDK did not re-send anything');
    assert.equal(unique.size, N + 2);
    await assertStoredExactlyOnce(server.baseUrl, userId, [...unique.values()]);
  } finally {
    await proxy.close();
  }
});

test('RudderStack SDK: an event keeps the time it was tracked, not the time its batch arrived', async () => {
  // RudderStack sends `originalTimestamp` (the call time) and `sentAt`, never `timestamp`: the event time is
  // originalTimestamp corrected by the clock skew (receivedAt − sentAt), as RudderStack's and Segment's servers do.
  const proxy = await startProxy(server.baseUrl);
  try {
    const userId = `rs-time-${randomUUID()}`;
    const client = new Analytics(WRITE_KEY, { dataPlaneUrl: proxy.url, flushAt: 100, flushInterval: 60_000, logLevel: 'error' });
    const send = (msg) => new Promise((resolve, reject) => client.track(msg, (err) => (err ? reject(err) : resolve())));
    await send({ userId, event: 'warm_up', properties: { seq: -1 } }); // the SDK sends its first message at once
    const trackedAt = Date.now();
    const queued = send({ userId, event: 'queued_for_a_while', properties: { seq: 0 } });
    await new Promise((r) => setTimeout(r, 3000)); // it waits in the SDK's queue
    await client.flush();
    await queued;
    assertAllAccepted(proxy);
    const msg = sentMessages(proxy).find((m) => m.event === 'queued_for_a_while');
    assert.equal(msg.timestamp, undefined, 'RudderStack now sends timestamp: revisit this test');
    assert.ok(msg.originalTimestamp);
    const [stored] = (await assertStoredExactlyOnce(server.baseUrl, userId, sentMessages(proxy))).filter((e) => e.name === 'queued_for_a_while');
    const request = proxy.requests.find((r) => r.json.batch?.some((m) => m.event === 'queued_for_a_while'));
    assertKeptCallTime(stored, trackedAt, request.json.sentAt);
  } finally {
    await proxy.close();
  }
});
