import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHubClient, buildHubUrl } from '../src/hub.js';
import { createReconnectPolicy, backoffDelay } from '../src/backoff.js';
import { createSeenIds } from '../src/dedup.js';
import { HUB } from '../src/constants.js';
import { fakeClock, memStore, connectionFactory, silentLogger, tick } from './helpers.js';

const identity = { apiHost: 'https://api.test', writeKey: 'wk_1', userId: 'u1', userHash: 'abc', anonymousId: 'anon-1' };

function setup(server, configure) {
  const clock = fakeClock();
  const session = memStore();
  const create = connectionFactory(server, configure);
  const seen = createSeenIds({ storage: session });
  const hub = createHubClient({ createConnection: create, clock, storage: session, seen, logger: silentLogger() });
  const got = { messages: [], inbox: [], added: [], removed: [] };
  hub.events.on('message', (m) => got.messages.push(m.id));
  hub.events.on('inbox', (items) => got.inbox.push(items));
  hub.events.on('inboxAdded', (i) => got.added.push(i.id));
  hub.events.on('inboxRemoved', (id) => got.removed.push(id));
  return { clock, session, create, hub, got, seen };
}

test('hub URL carries writeKey, userId and userHash, or anonymousId for visitors', () => {
  assert.equal(buildHubUrl(identity), 'https://api.test/hubs/messages?writeKey=wk_1&userId=u1&userHash=abc');
  assert.equal(buildHubUrl({ ...identity, userId: null, userHash: null }), 'https://api.test/hubs/messages?writeKey=wk_1&anonymousId=anon-1');
  assert.equal(buildHubUrl({ ...identity, apiHost: 'https://api.test/', userId: 'a b&c' }), 'https://api.test/hubs/messages?writeKey=wk_1&userId=a%20b%26c&userHash=abc');
});

test('hub method names are the contract ones', () => {
  assert.deepEqual({ ...HUB }, { MESSAGE: 'message', INBOX_ADDED: 'inboxAdded', INBOX_REMOVED: 'inboxRemoved', ACK: 'Ack', MARK_READ: 'MarkRead', GET_INBOX: 'GetInbox', SYNC: 'Sync' });
});

test('reconnect policy never returns null and is capped at 30 s', () => {
  for (const random of [() => 0, () => 0.5, () => 0.999]) {
    const p = createReconnectPolicy({ random });
    for (let i = 0; i < 2000; i++) {
      const d = p.nextRetryDelayInMilliseconds({ previousRetryCount: i, elapsedMilliseconds: i * 30000, retryReason: new Error('x') });
      assert.equal(typeof d, 'number');
      assert.ok(d >= 0 && d <= 30000, `retry ${i}: ${d}`);
    }
  }
  const p = createReconnectPolicy({ random: () => 1 });
  assert.deepEqual([1, 2, 3, 4, 5, 6].map((n) => p.nextRetryDelayInMilliseconds({ previousRetryCount: n })), [2000, 4000, 8000, 16000, 30000, 30000]);
  assert.ok(backoffDelay(10, { random: () => 0 }) >= 15000, 'jitter keeps at least half the delay');
});

test('connect: start, then Sync(cursor) applies missed messages and the inbox, stores the cursor, acks', async () => {
  const server = {
    Sync: () => ({ messages: [{ id: 'm1', channel: 'on-site' }, { id: 'm2', channel: 'in-app' }], inbox: [{ id: 'i1' }], cursor: 'cur-1' }),
  };
  const { hub, create, got, session } = setup(server);
  hub.connect(identity);
  await tick();
  await tick();
  const c = create.made[0];
  assert.equal(c.url, 'https://api.test/hubs/messages?writeKey=wk_1&userId=u1&userHash=abc');
  assert.equal(typeof c.opts.reconnectPolicy.nextRetryDelayInMilliseconds, 'function');
  assert.deepEqual(c.invocations[0], ['Sync', null]);
  assert.deepEqual(got.messages, ['m1', 'm2']);
  assert.deepEqual(got.inbox, [[{ id: 'i1' }]]);
  assert.deepEqual(c.invocations.filter((i) => i[0] === 'Ack'), [['Ack', 'm1'], ['Ack', 'm2']]);
  assert.equal(session.get('cc_cursor:u:u1'), 'cur-1');
  assert.ok(hub.connected);
});

test('messages are de-duplicated by id across live delivery and Sync after a reconnect', async () => {
  let n = 0;
  const server = {
    Sync: (cursor) => (++n === 1 ? { messages: [], inbox: [], cursor: 'c1' } : { messages: [{ id: 'live-1' }, { id: 'missed-1' }], inbox: [], cursor: 'c2' }),
  };
  const { hub, create, got } = setup(server);
  hub.connect(identity);
  await tick();
  const c = create.made[0];
  c.serverSends('message', { id: 'live-1', channel: 'on-site' });
  c.serverSends('message', { id: 'live-1', channel: 'on-site' }); // duplicate delivery
  c.simulateReconnect();
  await tick();
  await tick();
  assert.deepEqual(got.messages, ['live-1', 'missed-1']);
  const syncs = c.invocations.filter((i) => i[0] === 'Sync');
  assert.deepEqual(syncs, [['Sync', null], ['Sync', 'c1']], 'the stored cursor is sent on reconnect');
});

test('seen ids survive a reload (session storage) and stay bounded', () => {
  const storage = memStore();
  const a = createSeenIds({ storage, max: 3 });
  ['1', '2', '3', '4'].forEach((id) => a.add(id));
  const b = createSeenIds({ storage, max: 3 });
  assert.equal(b.has('4'), true);
  assert.equal(b.has('1'), false);
  assert.equal(b.add('4'), false);
  assert.equal(b.size, 3);
});

test('Sync without an inbox (or a failing Sync) falls back to GetInbox', async () => {
  const { hub, create, got } = setup({ Sync: () => { throw new Error('no such method'); }, GetInbox: () => [{ id: 'i9' }] });
  hub.connect(identity);
  await tick();
  await tick();
  assert.deepEqual(create.made[0].invocations.map((i) => i[0]), ['Sync', 'GetInbox']);
  assert.deepEqual(got.inbox, [[{ id: 'i9' }]]);
});

test('inboxAdded / inboxRemoved are forwarded', async () => {
  const { hub, create, got } = setup({ Sync: () => ({ messages: [], inbox: [], cursor: null }) });
  hub.connect(identity);
  await tick();
  create.made[0].serverSends('inboxAdded', { id: 'i1', title: 't' });
  create.made[0].serverSends('inboxRemoved', 'i1');
  assert.deepEqual(got.added, ['i1']);
  assert.deepEqual(got.removed, ['i1']);
});

test('a failed start is retried with backoff, forever', async () => {
  const { hub, create, clock } = setup({ Sync: () => ({ messages: [], inbox: [], cursor: null }) }, (c, i) => {
    c.failStart = i < 25;
  });
  hub.connect(identity);
  await tick();
  for (let i = 0; i < 25; i++) {
    const d = clock.pending()[0];
    assert.ok(d <= 30000);
    await clock.advance(d);
  }
  assert.equal(create.made.length, 26);
  assert.ok(hub.connected);
});

test('after onclose (SignalR gave up or server closed) the client starts a new connection', async () => {
  const { hub, create, clock } = setup({ Sync: () => ({ messages: [], inbox: [], cursor: null }) });
  hub.connect(identity);
  await tick();
  create.made[0].simulateClose();
  assert.equal(hub.connected, false);
  await clock.advance(clock.pending()[0]);
  assert.equal(create.made.length, 2);
  assert.ok(hub.connected);
});

test('connecting as another identity stops the old connection and ignores its late events', async () => {
  const { hub, create, got } = setup({ Sync: () => ({ messages: [], inbox: [], cursor: null }) });
  hub.connect({ ...identity, userId: null, userHash: null });
  await tick();
  hub.connect(identity);
  await tick();
  assert.equal(create.made.length, 2);
  assert.ok(create.made[0].stopped);
  assert.match(create.made[0].url, /anonymousId=anon-1/);
  assert.match(create.made[1].url, /userId=u1/);
  create.made[0].serverSends('message', { id: 'stale' });
  assert.deepEqual(got.messages, []);
  hub.connect(identity); // same identity: no new connection
  assert.equal(create.made.length, 2);
});

test('invoke waits for the connection', async () => {
  const { hub } = setup({ Sync: () => ({ messages: [], inbox: [], cursor: null }), GetInbox: () => [{ id: 'x' }] });
  const p = hub.invoke('GetInbox');
  hub.connect(identity);
  assert.deepEqual(await p, [{ id: 'x' }]);
});

test('the real SignalR connection gets our never-ending policy and stateful reconnect', async () => {
  const { createSignalRConnection } = await import('../src/hub-connection.js');
  const policy = createReconnectPolicy();
  const url = buildHubUrl(identity);
  const conn = createSignalRConnection(url, { reconnectPolicy: policy });
  assert.equal(conn.state, 'Disconnected');
  assert.equal(conn._reconnectPolicy, policy);
  assert.equal(conn.connection._options._useStatefulReconnect, true);
  assert.equal(conn.connection._options.withCredentials, false);
  assert.equal(conn.baseUrl, url);
});
