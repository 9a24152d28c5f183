import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createBatcher } from '../src/batcher.js';
import { createQueue } from '../src/queue.js';
import { createLease } from '../src/lease.js';
import { classifyStatus } from '../src/transport.js';
import { fakeClock, memStore, fakeFetch, silentLogger } from './helpers.js';

let n = 0;
const msg = (i = n++) => ({ type: 'track', event: 'e' + i, messageId: 'm' + i, properties: { i } });
const config = { apiHost: 'https://api.test', writeKey: 'wk_test' };

function setup({ fetch = fakeFetch(), storage = memStore(), clock = fakeClock(), tab = 'tab1', logger = silentLogger(), online = () => true } = {}) {
  const queue = createQueue({ storage, logger });
  const lease = createLease({ storage, clock, id: tab });
  const b = createBatcher({ queue, lease, clock, fetch, getConfig: () => config, logger, isOnline: online });
  return { b, queue, lease, fetch, storage, clock, logger };
}

test('20 messages are sent as one request right away', async () => {
  const { b, fetch, clock, queue } = setup();
  for (let i = 0; i < 20; i++) b.enqueue(msg());
  await clock.advance(0);
  assert.equal(fetch.calls.length, 1);
  const { url, body, init } = fetch.calls[0];
  assert.equal(url, 'https://api.test/v1/batch');
  assert.equal(init.method, 'POST');
  assert.equal(init.headers['Content-Type'], 'application/json');
  assert.equal(body.batch.length, 20);
  assert.equal(body.writeKey, 'wk_test');
  assert.ok(!Number.isNaN(Date.parse(body.sentAt)));
  assert.equal(queue.size(), 0);
});

test('fewer messages are flushed by the timer after ~1 s, not before', async () => {
  const { b, fetch, clock } = setup();
  b.enqueue(msg());
  b.enqueue(msg());
  b.enqueue(msg());
  await clock.advance(900);
  assert.equal(fetch.calls.length, 0);
  await clock.advance(100);
  assert.equal(fetch.calls.length, 1);
  assert.equal(fetch.calls[0].body.batch.length, 3);
});

test('45 messages go out as batches of 20, 20 and 5, in order', async () => {
  const { b, fetch, clock } = setup();
  const sent = [];
  for (let i = 0; i < 45; i++) sent.push(b.enqueue(msg()) && 'x');
  await clock.advance(3000);
  assert.deepEqual(fetch.calls.map((c) => c.body.batch.length), [20, 20, 5]);
  const ids = fetch.calls.flatMap((c) => c.body.batch.map((m) => m.messageId));
  assert.equal(new Set(ids).size, 45);
});

test('retries on 500 with growing backoff, keeping the same messageIds', async () => {
  let calls = 0;
  const fetch = fakeFetch(() => (++calls <= 3 ? 500 : 200));
  const { b, clock, queue } = setup({ fetch });
  b.enqueue(msg());
  b.enqueue(msg());
  await clock.advance(1000);
  assert.equal(fetch.calls.length, 1);
  const delays = [];
  for (let i = 0; i < 3; i++) {
    delays.push(clock.pending()[0]);
    await clock.advance(clock.pending()[0]);
  }
  assert.equal(fetch.calls.length, 4);
  // random()=0.5 -> 0.75 * base * 2^attempt: 750, 1500, 3000
  assert.deepEqual(delays, [750, 1500, 3000]);
  const idsPerAttempt = fetch.calls.map((c) => c.body.batch.map((m) => m.messageId).join());
  assert.equal(new Set(idsPerAttempt).size, 1, 'every retry carries the same messageIds');
  assert.equal(queue.size(), 0);
});

test('retries on network errors and on 429 (honouring Retry-After)', async () => {
  const replies = [new TypeError('Failed to fetch'), { status: 429, headers: { 'Retry-After': '10' } }, 200];
  const fetch = fakeFetch((c, i) => replies[i - 1]);
  const { b, clock, queue } = setup({ fetch });
  b.enqueue(msg());
  await clock.advance(1000);
  assert.equal(fetch.calls.length, 1);
  await clock.advance(750);
  assert.equal(fetch.calls.length, 2, 'network error retried after backoff');
  await clock.advance(9000);
  assert.equal(fetch.calls.length, 2, 'Retry-After: 10 s respected');
  await clock.advance(1000);
  assert.equal(fetch.calls.length, 3);
  assert.equal(queue.size(), 0);
});

test('backoff is capped at 30 s (with jitter) however many failures', async () => {
  const fetch = fakeFetch(() => 503);
  const { b, clock } = setup({ fetch });
  b.enqueue(msg());
  await clock.advance(1000);
  let last = 0;
  for (let i = 0; i < 12; i++) {
    last = clock.pending()[0];
    assert.ok(last <= 30000, `delay ${last} <= 30000`);
    await clock.advance(last);
  }
  assert.equal(last, 22500);
  assert.equal(fetch.calls.length, 13);
});

test('a single message refused with 400 is dropped with a console warning, not retried', async () => {
  const fetch = fakeFetch(() => 400);
  const { b, clock, queue, logger } = setup({ fetch });
  b.enqueue(msg());
  await clock.advance(1000);
  await clock.advance(60000);
  assert.equal(fetch.calls.length, 1);
  assert.equal(queue.size(), 0);
  assert.equal(logger.warnings.length, 1);
  assert.match(String(logger.warnings[0][0]), /400/);
});

test('a refused multi-message batch is resent one by one so only the bad message is dropped', async () => {
  const fetch = fakeFetch((c) => (c.body.batch.some((m) => m.properties.bad) ? 400 : 200));
  const { b, clock, queue, logger } = setup({ fetch });
  b.enqueue({ ...msg(), messageId: 'good1' });
  b.enqueue({ ...msg(), messageId: 'bad', properties: { bad: true } });
  b.enqueue({ ...msg(), messageId: 'good2' });
  await clock.advance(5000);
  const delivered = fetch.calls.filter((c, i) => i > 0).map((c) => c.body.batch.map((m) => m.messageId).join());
  assert.deepEqual(delivered, ['good1', 'bad', 'good2']);
  assert.equal(queue.size(), 0);
  assert.equal(logger.warnings.length, 1);
});

test('401 drops the whole batch at once (bad write key)', async () => {
  const fetch = fakeFetch(() => 401);
  const { b, clock, queue } = setup({ fetch });
  b.enqueue(msg());
  b.enqueue(msg());
  await clock.advance(5000);
  assert.equal(fetch.calls.length, 1);
  assert.equal(queue.size(), 0);
});

test('messages over 32 KB are refused at enqueue', () => {
  const { b, queue, logger } = setup();
  assert.equal(b.enqueue({ ...msg(), properties: { big: 'x'.repeat(33 * 1024) } }), false);
  assert.equal(queue.size(), 0);
  assert.equal(logger.warnings.length, 1);
});

test('offline: the queue survives a reload via localStorage and is sent with the same messageIds', async () => {
  const storage = memStore();
  const clock = fakeClock();
  const down = fakeFetch(() => new TypeError('offline'));
  const first = setup({ storage, clock, fetch: down, tab: 'before-reload' });
  first.b.enqueue(msg());
  first.b.enqueue(msg());
  await clock.advance(1000);
  assert.equal(down.calls.length, 1);
  const queuedIds = down.calls[0].body.batch.map((m) => m.messageId);
  assert.equal(JSON.parse(storage.backing.getItem('cc_queue')).length, 2, 'persisted in localStorage');

  // "reload": a new page (new tab id, new batcher) over the same localStorage, once the old lease expired
  await clock.advance(6000 - 750); // the old page is gone; no timers of it should matter
  const up = fakeFetch(() => 200);
  const clock2 = fakeClock(clock.now() + 10000);
  const second = setup({ storage, clock: clock2, fetch: up, tab: 'after-reload' });
  second.b.retryNow();
  await clock2.advance(0);
  assert.equal(up.calls.length, 1);
  assert.deepEqual(up.calls[0].body.batch.map((m) => m.messageId), queuedIds);
  assert.equal(storage.backing.getItem('cc_queue'), null);
});

test('navigator.onLine === false: no request until back online', async () => {
  let online = false;
  const { b, clock, fetch } = setup({ online: () => online });
  b.enqueue(msg());
  await clock.advance(3000);
  assert.equal(fetch.calls.length, 0);
  online = true;
  b.retryNow();
  await clock.advance(0);
  assert.equal(fetch.calls.length, 1);
});

test('only one tab flushes the shared queue; another takes over when the lease expires', async () => {
  const storage = memStore();
  const clock = fakeClock();
  const fetchA = fakeFetch(() => 200);
  const fetchB = fakeFetch(() => 200);
  const A = setup({ storage, clock, fetch: fetchA, tab: 'A' });
  const B = setup({ storage, clock, fetch: fetchB, tab: 'B' });
  A.b.enqueue(msg());
  await clock.advance(1000);
  assert.equal(fetchA.calls.length, 1);
  assert.ok(A.lease.isOwner());

  // B appends to the same queue; A (the owner) is told through the storage event and flushes it
  const fromB = msg();
  B.b.enqueue(fromB);
  A.b.poke();
  await clock.advance(1000);
  assert.equal(fetchB.calls.length, 0, 'B does not send while A holds the lease');
  assert.equal(fetchA.calls.length, 2);
  assert.deepEqual(fetchA.calls[1].body.batch.map((m) => m.messageId), [fromB.messageId]);

  // A dies (stops renewing). B's messages wait until the lease expires, then B flushes them.
  B.b.enqueue(msg());
  await clock.advance(1000);
  assert.equal(fetchB.calls.length, 0);
  await clock.advance(5000);
  assert.equal(fetchB.calls.length, 1);
  assert.ok(B.lease.isOwner());
  assert.equal(B.queue.size(), 0);
});

test('lease: acquire, hold, release, expire', () => {
  const storage = memStore();
  const clock = fakeClock();
  const a = createLease({ storage, clock, id: 'a', ttl: 5000 });
  const b = createLease({ storage, clock, id: 'b', ttl: 5000 });
  assert.ok(a.tryAcquire());
  assert.equal(b.tryAcquire(), false);
  a.release();
  assert.ok(b.tryAcquire());
  assert.equal(a.tryAcquire(), false);
  clock.setTimeout(() => {}, 0);
  return clock.advance(5001).then(() => assert.ok(a.tryAcquire(), 'expired lease is taken over'));
});

test('status classification', () => {
  assert.equal(classifyStatus(200), 'ok');
  assert.equal(classifyStatus(204), 'ok');
  for (const s of [500, 502, 503, 429, 408]) assert.equal(classifyStatus(s), 'retry');
  for (const s of [400, 401, 403, 404, 413, 422]) assert.equal(classifyStatus(s), 'drop');
});
