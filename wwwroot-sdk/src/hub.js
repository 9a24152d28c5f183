// Realtime channel: one SignalR connection to {apiHost}/hubs/messages, identified by query string.
// - reconnects forever: SignalR's automatic reconnect with a policy that never returns null,
//   plus a restart with the same backoff after onclose or a failed start;
// - on every (re)connect invokes Sync(cursor), applies the missed messages (dropping ids already
//   seen), replaces the inbox, and stores the new cursor;
// - acknowledges every handled message with Ack(id).
import { HUB, HUB_PATH, KEYS } from './constants.js';
import { backoffDelay, createReconnectPolicy } from './backoff.js';
import { createEmitter } from './emitter.js';

export function buildHubUrl({ apiHost, writeKey, userId, userHash, anonymousId }) {
  const q = [['writeKey', writeKey]];
  if (userId != null && userId !== '') {
    q.push(['userId', userId]);
    if (userHash) q.push(['userHash', userHash]);
  } else q.push(['anonymousId', anonymousId]);
  const qs = q.map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`).join('&');
  return `${String(apiHost).replace(/\/+$/, '')}${HUB_PATH}?${qs}`;
}

const identityKey = (id) => (id.userId != null && id.userId !== '' ? `u:${id.userId}` : `a:${id.anonymousId}`);

export function createHubClient({ createConnection, clock, storage, seen, logger = console, backoff = { base: 1000, cap: 30000 }, debug = () => false }) {
  const events = createEmitter();
  const policy = createReconnectPolicy({ ...backoff, random: clock.random });
  let conn = null;
  let gen = 0; // bumps on every identity change / stop; stale callbacks compare against it
  let url = null;
  let cursorKey = null;
  let connected = false;
  let attempt = 0;
  let restartTimer = null;
  let waiters = [];

  function setConnected(v) {
    connected = v;
    if (v) {
      const w = waiters;
      waiters = [];
      w.forEach((r) => r(conn));
    }
    events.emit(v ? 'connected' : 'disconnected');
  }

  function handleMessage(m) {
    if (!m || m.id == null) return;
    if (seen.add(m.id)) events.emit('message', m);
    // ack duplicates too: the earlier ack may have been lost with the connection
    ack(m.id);
  }

  function ack(id) {
    if (conn && connected) conn.invoke(HUB.ACK, id).catch((e) => logger.warn('[campaign] Ack failed', e));
  }

  async function sync(myGen, c) {
    let res = null;
    try {
      res = await c.invoke(HUB.SYNC, storage.get(cursorKey, null));
    } catch (e) {
      logger.warn('[campaign] Sync failed', e);
    }
    if (myGen !== gen) return;
    if (res && Array.isArray(res.messages)) res.messages.forEach(handleMessage);
    if (res && Array.isArray(res.inbox)) events.emit('inbox', res.inbox);
    else {
      try {
        const items = await c.invoke(HUB.GET_INBOX);
        if (myGen === gen && Array.isArray(items)) events.emit('inbox', items);
      } catch (e) {
        logger.warn('[campaign] GetInbox failed', e);
      }
    }
    if (res && res.cursor !== undefined && myGen === gen) storage.set(cursorKey, res.cursor);
  }

  function scheduleRestart(myGen) {
    if (myGen !== gen || restartTimer) return;
    const delay = backoffDelay(attempt++, { ...backoff, random: clock.random });
    restartTimer = clock.setTimeout(() => {
      restartTimer = null;
      if (myGen === gen) start(myGen);
    }, delay);
  }

  async function start(myGen) {
    const c = createConnection(url, { reconnectPolicy: policy, debug: !!debug() });
    conn = c;
    c.on(HUB.MESSAGE, (m) => myGen === gen && handleMessage(m));
    c.on(HUB.INBOX_ADDED, (item) => myGen === gen && item && events.emit('inboxAdded', item));
    c.on(HUB.INBOX_REMOVED, (id) => myGen === gen && events.emit('inboxRemoved', id));
    c.onreconnecting(() => myGen === gen && setConnected(false));
    c.onreconnected(() => {
      if (myGen !== gen) return;
      setConnected(true);
      sync(myGen, c);
    });
    c.onclose(() => {
      if (myGen !== gen) return;
      if (connected) setConnected(false);
      scheduleRestart(myGen); // SignalR gave up or the server closed: start again, forever
    });
    try {
      await c.start();
    } catch (e) {
      if (myGen !== gen) return;
      logger.warn('[campaign] realtime connection failed; retrying', e && e.message);
      scheduleRestart(myGen);
      return;
    }
    if (myGen !== gen) {
      c.stop().catch(() => {});
      return;
    }
    attempt = 0;
    setConnected(true);
    await sync(myGen, c);
  }

  function teardown() {
    gen++;
    if (restartTimer) clock.clearTimeout(restartTimer);
    restartTimer = null;
    attempt = 0;
    const old = conn;
    conn = null;
    if (connected) setConnected(false);
    if (old) Promise.resolve(old.stop()).catch(() => {});
  }

  return {
    events,
    /** Connects as `identity` ({apiHost, writeKey, userId, userHash, anonymousId}); reconnects when it changed. */
    connect(identity) {
      const next = buildHubUrl(identity);
      if (next === url && conn) return;
      teardown();
      url = next;
      cursorKey = KEYS.cursor + identityKey(identity);
      start(gen);
    },
    stop() {
      teardown();
      url = null;
    },
    /** Invokes a hub method once connected. */
    invoke(method, ...args) {
      const ready = connected && conn ? Promise.resolve(conn) : new Promise((r) => waiters.push(r));
      return ready.then((c) => c.invoke(method, ...args));
    },
    get connected() {
      return connected;
    },
    get url() {
      return url;
    },
    policy,
  };
}
