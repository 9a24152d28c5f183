// @segment/analytics-node, unmodified, against the server (through a recording proxy).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Analytics } from '@segment/analytics-node';
import { startServer, WRITE_KEY } from './lib/server.js';
import { startProxy } from './lib/proxy.js';
import { assertAllAccepted, assertKeptCallTime, assertStoredExactlyOnce, sentMessages } from './lib/assertions.js';

const N = 50;
let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

async function sendWithSegment(host, userId, { maxRetries } = {}) {
  const analytics = new Analytics({ writeKey: WRITE_KEY, host, flushAt: 20, flushInterval: 200, ...(maxRetries !== undefined ? { maxRetries } : {}) });
  const errors = [];
  analytics.on('error', (e) => errors.push(e));
  const cb = (err) => { if (err) errors.push(err); };
  analytics.identify({ userId, traits: { name: 'Segment Sdk', plan: 'gold', email: `${userId}@example.com` } }, cb);
  for (let seq = 0; seq < N; seq++)
    analytics.track({ userId, event: seq % 2 ? 'sdk_add_to_cart' : 'sdk_viewed_item', properties: { seq, sku: `SKU-${seq}`, price: seq + 0.5, tags: ['a', 'b'], nested: { ok: true } } }, cb);
  analytics.page({ userId, name: 'Pricing', properties: { url: 'https://example.com/pricing' } }, cb);
  await analytics.closeAndFlush({ timeout: 30_000 });
  return errors;
}

test(`Segment SDK: ${N} tracks (+ identify, page) are each stored exactly once`, async () => {
  const proxy = await startProxy(server.baseUrl);
  try {
    const userId = `seg-${randomUUID()}`;
    const errors = await sendWithSegment(proxy.url, userId);
    assertAllAccepted(proxy);
    assert.deepEqual(errors, [], 'the SDK reported delivery errors');
    const sent = sentMessages(proxy);
    assert.equal(sent.length, N + 2);
    assert.ok(proxy.requests.length >= 3, `flushAt 20 should split ${N + 2} messages into several batches, saw ${proxy.requests.length}`);
    // What Segment sends: Basic auth with the write key, writeKey in the body too, plain JSON.
    const first = proxy.requests[0];
    assert.match(first.headers.authorization, /^Basic /);
    assert.equal(Buffer.from(first.headers.authorization.slice(6), 'base64').toString(), `${WRITE_KEY}:`);
    await assertStoredExactlyOnce(server.baseUrl, userId, sent);
  } finally {
    await proxy.close();
  }
});

test('Segment SDK: a batch whose response is lost is retried by the SDK and stored once', async () => {
  // The proxy forwards the first two batches (the server commits them) but answers 503: the SDK retries them as is.
  const proxy = await startProxy(server.baseUrl, { failAfterForwarding: 2 });
  try {
    const userId = `seg-retry-${randomUUID()}`;
    const errors = await sendWithSegment(proxy.url, userId, { maxRetries: 5 });
    assert.deepEqual(errors, [], 'the SDK gave up on a batch');
    assert.equal(proxy.requests.filter((r) => r.injected).length, 2, 'the proxy should have failed two committed batches');
    assertAllAccepted(proxy);
    // The SDK really re-sent messageIds (else this test proves nothing).
    const sent = sentMessages(proxy);
    const unique = new Map(sent.map((m) => [m.messageId, m]));
    assert.ok(sent.length > unique.size, `the SDK did not re-send anything (${sent.length} messages sent)`);
    assert.equal(unique.size, N + 2);
    assert.ok(proxy.requests.some((r) => r.headers['x-retry-count']), 'retries carry X-Retry-Count');
    await assertStoredExactlyOnce(server.baseUrl, userId, [...unique.values()]);
  } finally {
    await proxy.close();
  }
});

test('Segment SDK: an event keeps the time it was tracked, not the time its batch arrived', async () => {
  const proxy = await startProxy(server.baseUrl);
  try {
    const userId = `seg-time-${randomUUID()}`;
    const analytics = new Analytics({ writeKey: WRITE_KEY, host: proxy.url, flushAt: 100, flushInterval: 60_000 });
    const trackedAt = Date.now();
    analytics.track({ userId, event: 'queued_for_a_while', properties: { seq: 0 } });
    await new Promise((r) => setTimeout(r, 3000)); // it waits in the SDK's queue
    await analytics.closeAndFlush({ timeout: 10_000 });
    assertAllAccepted(proxy);
    const [stored] = await assertStoredExactlyOnce(server.baseUrl, userId, sentMessages(proxy));
    const request = proxy.requests.find((r) => r.json.batch?.some((m) => m.event === 'queued_for_a_while'));
    assertKeptCallTime(stored, trackedAt, request.json.sentAt);
  } finally {
    await proxy.close();
  }
});
