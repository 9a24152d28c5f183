// The same wire format by hand (fetch): re-sent batches, gzip, duplicates inside a batch.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { basicAuth, startServer } from './lib/server.js';
import { assertStoredExactlyOnce } from './lib/assertions.js';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

function batchOf(userId, n, prefix = 'raw') {
  return Array.from({ length: n }, (_, seq) => ({
    type: 'track', messageId: `${prefix}-${randomUUID()}`, userId, event: 'raw_event', properties: { seq },
    timestamp: new Date().toISOString(),
  }));
}

async function post(body, { gzip = false, path = '/v1/batch' } = {}) {
  const json = JSON.stringify(body);
  const r = await fetch(new URL(path, server.baseUrl), {
    method: 'POST',
    headers: { Authorization: basicAuth(), 'Content-Type': 'application/json', ...(gzip ? { 'Content-Encoding': 'gzip' } : {}) },
    body: gzip ? gzipSync(json) : json,
  });
  const text = await r.text();
  assert.equal(r.status, 200, `${path} answered ${r.status}: ${text}`);
  assert.deepEqual(JSON.parse(text), { success: true });
}

test('the same batch posted twice is stored once', async () => {
  const userId = `raw-${randomUUID()}`;
  const batch = batchOf(userId, 30);
  await post({ batch, sentAt: new Date().toISOString() });
  await post({ batch, sentAt: new Date().toISOString() });
  await assertStoredExactlyOnce(server.baseUrl, userId, batch);
});

test('a gzip batch, then the same messages uncompressed, are stored once', async () => {
  const userId = `raw-gz-${randomUUID()}`;
  const batch = batchOf(userId, 25);
  await post({ batch }, { gzip: true });
  await post({ batch });
  await post({ batch: batch.slice(0, 10) }, { gzip: true });
  await assertStoredExactlyOnce(server.baseUrl, userId, batch);
});

test('a messageId repeated inside one batch is stored once', async () => {
  const userId = `raw-dup-${randomUUID()}`;
  const batch = batchOf(userId, 5);
  await post({ batch: [...batch, batch[0], batch[3]] });
  await assertStoredExactlyOnce(server.baseUrl, userId, batch);
});

test('single-message /v1/track re-sent is stored once', async () => {
  const userId = `raw-one-${randomUUID()}`;
  const [msg] = batchOf(userId, 1);
  const { type, ...rest } = msg;
  await post(rest, { path: '/v1/track' });
  await post(rest, { path: '/v1/track' });
  await assertStoredExactlyOnce(server.baseUrl, userId, [msg]);
});
