import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { createClient } from '../src/client.js';
import { replayStub } from '../src/stub.js';
import { apiHostFromSrc, configFromScript, findScript } from '../src/script-config.js';
import { fakeClock, memStore, fakeFetch, connectionFactory, silentLogger, tick } from './helpers.js';

const snippet = readFileSync(new URL('../snippet.html', import.meta.url), 'utf8');
const stubCode = snippet.match(/<script>([\s\S]*?)<\/script>/)[1];

function makeClient({ window, server = { Sync: () => ({ messages: [], inbox: [], cursor: 'c' }) }, local = memStore(), clock = fakeClock(), fetch = fakeFetch() } = {}) {
  window = window || new JSDOM('<!doctype html><title>Shop</title><body></body>', { url: 'https://shop.test/cart?x=1', referrer: 'https://google.test/' }).window;
  const create = connectionFactory(server);
  let n = 0;
  const client = createClient({
    window,
    localStorage: local,
    sessionStorage: memStore(),
    fetch,
    createConnection: create,
    clock,
    uuid: () => `uuid-${++n}`,
    logger: silentLogger(),
  });
  return { client, window, create, clock, fetch, local };
}

test('stub snippet queues calls before load; the SDK replays them in order (init first)', async () => {
  const dom = new JSDOM('<!doctype html><body></body>', { url: 'https://shop.test/', runScripts: 'outside-only' });
  dom.window.eval(stubCode);
  dom.window.eval(`
    campaign.track("first", {n: 1});
    campaign.identify("u1", {name: "Ada"}, {userHash: "h1"});
    campaign.page("Home");
    campaign.track("second", {n: 2});
    campaign.init({writeKey: "wk_stub", apiHost: "https://api.test"});
    window.listed = campaign.inbox.list();
  `);
  const stub = dom.window.campaign;
  assert.equal(stub.length, 6);
  const { client, create, clock, fetch } = makeClient({ window: dom.window, server: { Sync: () => ({ messages: [], inbox: [{ id: 'i1' }], cursor: 'c' }), GetInbox: () => [{ id: 'i1', readAt: null }] } });
  replayStub(stub, client, {});
  assert.deepEqual(client._queue.all().map((m) => m.type + ':' + (m.event || m.name || m.traits?.name)), ['track:first', 'identify:Ada', 'page:Home', 'track:second']);
  assert.equal(client._config.writeKey, 'wk_stub');
  // the first track was queued before identify, so it is anonymous; later ones carry the userId
  const q = client._queue.all();
  assert.equal(q[0].userId, undefined);
  assert.equal(q[3].userId, 'u1');
  // timestamps are the time of the original call
  assert.ok(Math.abs(Date.parse(q[0].timestamp) - Date.now()) < 5000);
  await clock.advance(1000);
  assert.equal(fetch.calls.length, 1);
  assert.equal(fetch.calls[0].url, 'https://api.test/v1/batch');
  assert.deepEqual(fetch.calls[0].body.batch.map((m) => m.type), ['track', 'identify', 'page', 'track']);
  // the hub connected once, directly as the identified user
  assert.equal(create.made.length, 1);
  assert.match(create.made[0].url, /userId=u1&userHash=h1$/);
  assert.deepEqual(await dom.window.listed, [{ id: 'i1', readAt: null }], 'promise from the stub resolves');
});

test('script tag configuration: data-write-key and the base URL from src', () => {
  const dom = new JSDOM('<!doctype html><script src="https://console.example.com/base/sdk/v1/campaign.js" data-write-key="wk_tag"></script>', { url: 'https://shop.test/' });
  const s = findScript(dom.window.document);
  assert.deepEqual(configFromScript(s, 'https://shop.test/'), { writeKey: 'wk_tag', apiHost: 'https://console.example.com/base' });
  assert.equal(apiHostFromSrc('https://console.example.com/sdk/v1/campaign.js'), 'https://console.example.com');
  assert.equal(apiHostFromSrc('/sdk/v1/campaign.js', 'https://console.local:5001/page'), 'https://console.local:5001');
  assert.equal(apiHostFromSrc('https://cdn.test/campaign.js'), 'https://cdn.test');
});

test('messages carry messageId, timestamp, type, anonymousId, userId and context', async () => {
  const { client, window } = makeClient();
  client.init({ writeKey: 'wk', apiHost: 'https://api.test/' });
  client.track('add_to_cart', { sku: 'A1', price: 30 });
  client.identify('u1', { name: 'Ada' }, { userHash: 'h' });
  client.page();
  const [t, i, p] = client._queue.all();
  assert.equal(t.type, 'track');
  assert.equal(t.event, 'add_to_cart');
  assert.deepEqual(t.properties, { sku: 'A1', price: 30 });
  assert.ok(t.messageId && t.messageId !== i.messageId);
  assert.equal(new Date(t.timestamp).toISOString(), t.timestamp);
  assert.equal(t.anonymousId, client.anonymousId);
  assert.equal(t.userId, undefined);
  assert.deepEqual(t.context.library, { name: 'campaign-console-sdk', version: '0.0.0-dev' });
  assert.deepEqual({ url: t.context.page.url, title: t.context.page.title, referrer: t.context.page.referrer }, { url: 'https://shop.test/cart?x=1', title: 'Shop', referrer: 'https://google.test/' });
  assert.equal(t.context.userAgent, window.navigator.userAgent);
  assert.equal(i.type, 'identify');
  assert.equal(i.userId, 'u1');
  assert.deepEqual(i.traits, { name: 'Ada' });
  assert.equal(p.type, 'page');
  assert.equal(p.properties.path, '/cart');
  assert.equal(client._config.apiHost, 'https://api.test');
});

test('anonymousId and userId persist across reloads; reset() forgets the user', () => {
  const local = memStore();
  const first = makeClient({ local }).client;
  first.identify('u7', {}, { userHash: 'h7' });
  const anon = first.anonymousId;
  const second = makeClient({ local }).client;
  assert.equal(second.anonymousId, anon);
  assert.equal(second.userId, 'u7');
  second.reset();
  assert.equal(second.userId, null);
  assert.notEqual(second.anonymousId, anon);
  assert.equal(makeClient({ local }).client.userId, null);
});

test('identify with a new user reconnects the hub as that user; same user does not', async () => {
  const { client, create, clock } = makeClient();
  client.init({ writeKey: 'wk', apiHost: 'https://api.test' });
  await clock.advance(0);
  assert.equal(create.made.length, 1);
  assert.match(create.made[0].url, /anonymousId=/);
  client.identify('u1', {}, { userHash: 'h1' });
  await tick();
  assert.equal(create.made.length, 2);
  assert.ok(create.made[0].stopped);
  client.identify('u1', { plan: 'gold' });
  await tick();
  assert.equal(create.made.length, 2, 'trait update keeps the connection');
  client.reset();
  await tick();
  assert.equal(create.made.length, 3);
  assert.match(create.made[2].url, /anonymousId=/);
});

test('realtime message: rendered by default, acked; preventDefault() or return false skip rendering', async () => {
  const { client, create, clock, window } = makeClient();
  client.init({ writeKey: 'wk', apiHost: 'https://api.test' });
  await clock.advance(0);
  const c = create.made[0];
  const received = [];
  client.on('message', (m) => received.push(m.id));
  c.serverSends('message', { id: 'm1', campaignId: 'c1', channel: 'on-site', title: 'Hi', body: 'there', data: {} });
  await tick();
  assert.ok(window.document.querySelector('[data-campaign-message="m1"][data-campaign-channel="on-site"]'));
  assert.deepEqual(c.invocations.filter((i) => i[0] === 'Ack'), [['Ack', 'm1']]);

  const off = client.on('message', (m) => m.preventDefault());
  c.serverSends('message', { id: 'm2', channel: 'in-app', title: 'custom', body: '', data: {} });
  assert.equal(window.document.querySelector('[data-campaign-message="m2"]'), null);
  off();
  client.on('message', () => false);
  c.serverSends('message', { id: 'm3', channel: 'in-app', title: 'custom', body: '', data: {} });
  assert.equal(window.document.querySelector('[data-campaign-message="m3"]'), null);
  assert.deepEqual(received, ['m1', 'm2', 'm3']);
  c.serverSends('message', { id: 'm1', channel: 'on-site', title: 'dup' });
  assert.deepEqual(received, ['m1', 'm2', 'm3'], 'duplicate not dispatched again');
});

test('inbox: initial load, inboxAdded, inboxRemoved, markRead fire change; unreadCount; list()', async () => {
  const server = {
    Sync: () => ({ messages: [], inbox: [{ id: 'a', title: 'A', readAt: null }, { id: 'b', title: 'B', readAt: '2025-01-01T00:00:00Z' }], cursor: 'c' }),
    GetInbox: () => [{ id: 'z', readAt: null }],
    MarkRead: () => null,
  };
  const { client, create, clock } = makeClient({ server });
  const changes = [];
  client.inbox.on('change', (items) => changes.push(items.map((i) => i.id).join()));
  client.init({ writeKey: 'wk', apiHost: 'https://api.test' });
  await clock.advance(0);
  const c = create.made[0];
  assert.deepEqual(changes, ['a,b']);
  assert.equal(client.inbox.unreadCount(), 1);
  c.serverSends('inboxAdded', { id: 'n', title: 'New', readAt: null });
  assert.deepEqual(client.inbox.items.map((i) => i.id), ['n', 'a', 'b']);
  assert.equal(client.inbox.unreadCount(), 2);
  await client.inbox.markRead('a');
  assert.ok(c.invocations.some((i) => i[0] === 'MarkRead' && i[1] === 'a'));
  assert.equal(client.inbox.unreadCount(), 1);
  c.serverSends('inboxRemoved', 'n');
  assert.equal(client.inbox.unreadCount(), 0);
  assert.deepEqual(changes, ['a,b', 'n,a,b', 'n,a,b', 'a,b']);
  assert.deepEqual((await client.inbox.list()).map((i) => i.id), ['z']);
  assert.equal(changes.at(-1), 'z');
});

test('page hide flushes the queue with sendBeacon', async () => {
  const window = new JSDOM('<!doctype html><body></body>', { url: 'https://shop.test/' }).window;
  const beacons = [];
  const client = createClient({
    window,
    localStorage: memStore(),
    sessionStorage: memStore(),
    fetch: fakeFetch(),
    sendBeacon: (url, blob) => beacons.push({ url, blob }) > 0,
    clock: fakeClock(),
    uuid: (() => { let n = 0; return () => 'id' + ++n; })(),
  });
  client.init({ writeKey: 'wk', apiHost: 'https://api.test', realtime: false });
  client.track('a');
  client.track('b');
  window.dispatchEvent(new window.Event('pagehide'));
  assert.equal(beacons.length, 1);
  assert.equal(beacons[0].blob.type, 'text/plain');
  const text = await new Promise((resolve) => {
    const r = new window.FileReader(); // jsdom's Blob has no text()
    r.onload = () => resolve(r.result);
    r.readAsText(beacons[0].blob);
  });
  const body = JSON.parse(text);
  assert.deepEqual(body.batch.map((m) => m.event), ['a', 'b']);
  assert.equal(body.writeKey, 'wk');
  assert.equal(client._queue.size(), 0);
});
