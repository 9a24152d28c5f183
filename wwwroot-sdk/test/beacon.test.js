import { test } from 'node:test';
import assert from 'node:assert/strict';
import { beaconMessages } from '../src/beacon.js';
import { createBatcher } from '../src/batcher.js';
import { createQueue } from '../src/queue.js';
import { createLease } from '../src/lease.js';
import { fakeClock, memStore, fakeFetch, silentLogger } from './helpers.js';

const bigMessages = (count, pad = 5000) =>
  Array.from({ length: count }, (_, i) => ({ type: 'track', event: 'e', messageId: 'b' + i, properties: { pad: 'x'.repeat(pad) } }));

function recordingBeacon(accept = () => true) {
  const sent = [];
  const fn = (url, blob) => {
    sent.push({ url, blob });
    return accept(sent.length);
  };
  fn.sent = sent;
  return fn;
}

test('sendBeacon payloads are split into text/plain Blobs under 60 KB, each a full batch body', async () => {
  const beacon = recordingBeacon();
  const messages = bigMessages(40); // ~200 KB in total
  const ids = beaconMessages({ sendBeacon: beacon, url: 'https://api.test/v1/batch', messages, writeKey: 'wk_1', sentAt: new Date().toISOString() });
  assert.ok(beacon.sent.length >= 4, `split into ${beacon.sent.length} chunks`);
  const seen = [];
  for (const { url, blob } of beacon.sent) {
    assert.equal(url, 'https://api.test/v1/batch');
    assert.ok(blob instanceof Blob);
    assert.equal(blob.type, 'text/plain');
    assert.ok(blob.size < 60 * 1024, `chunk ${blob.size} bytes < 60 KB`);
    const body = JSON.parse(await blob.text());
    assert.equal(body.writeKey, 'wk_1');
    assert.ok(body.sentAt);
    seen.push(...body.batch.map((m) => m.messageId));
  }
  assert.deepEqual(seen, messages.map((m) => m.messageId), 'every message once, in order');
  assert.deepEqual(ids, seen);
});

test('chunks the browser refuses (quota) stay in the queue for the next page load', () => {
  const storage = memStore();
  const clock = fakeClock();
  const queue = createQueue({ storage });
  const lease = createLease({ storage, clock, id: 't' });
  const beacon = recordingBeacon((n) => n === 1); // only the first chunk fits the keepalive quota
  const b = createBatcher({ queue, lease, clock, fetch: fakeFetch(), sendBeacon: beacon, getConfig: () => ({ apiHost: 'https://api.test', writeKey: 'wk' }), logger: silentLogger() });
  for (const m of bigMessages(30)) b.enqueue(m);
  lease.tryAcquire();
  const sent = b.pageHide();
  assert.ok(sent.length > 0 && sent.length < 30);
  assert.equal(queue.size(), 30 - sent.length);
  assert.equal(queue.all()[0].messageId, 'b' + sent.length, 'the unsent tail is kept, in order');
  assert.equal(lease.isOwner(), false, 'a hidden tab releases the lease');
});

test('pageHide from a non-owner tab beacons only its own messages', () => {
  const storage = memStore();
  const clock = fakeClock();
  const mk = (id, beacon) =>
    createBatcher({ queue: createQueue({ storage }), lease: createLease({ storage, clock, id }), clock, fetch: fakeFetch(), sendBeacon: beacon, getConfig: () => ({ apiHost: 'https://api.test', writeKey: 'wk' }) });
  const beaconA = recordingBeacon();
  const beaconB = recordingBeacon();
  const A = mk('A', beaconA);
  const B = mk('B', beaconB);
  A.enqueue({ type: 'track', event: 'a', messageId: 'fromA' });
  B.enqueue({ type: 'track', event: 'b', messageId: 'fromB' });
  createLease({ storage, clock, id: 'A' }).tryAcquire();
  assert.deepEqual(B.pageHide(), ['fromB']);
  assert.deepEqual(A.pageHide(), ['fromA']);
});
