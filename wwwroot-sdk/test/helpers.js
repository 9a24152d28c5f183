// Test doubles: a controllable clock, in-memory storage, a scripted fetch and a fake hub connection.
import { createStorage, memoryStorage } from '../src/storage.js';

export const tick = () => new Promise((r) => setImmediate(r));

export function fakeClock(start = Date.UTC(2025, 0, 1)) {
  let now = start;
  let seq = 0;
  const timers = new Map();
  const clock = {
    random: () => 0.5,
    now: () => now,
    setTimeout(fn, ms) {
      const id = ++seq;
      timers.set(id, { at: now + Math.max(0, ms || 0), fn, ms });
      return id;
    },
    clearTimeout(id) {
      timers.delete(id);
    },
    /** Delays of pending timers, soonest first. */
    pending: () => [...timers.values()].map((t) => t.at - now).sort((a, b) => a - b),
    /** Moves time forward, running due timers in order (and letting promises settle in between). */
    async advance(ms) {
      const end = now + ms;
      await tick();
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].fn();
        await tick();
        await tick();
      }
      now = end;
      await tick();
    },
  };
  return clock;
}

/** A storage wrapper over a shared Map-backed Web Storage (share `backing` to simulate tabs / reloads). */
export function memStore(backing = memoryStorage()) {
  const s = createStorage(() => backing);
  s.backing = backing;
  return s;
}

/**
 * fetch double. `responder(call, n)` returns a status number, an Error (thrown as a network
 * failure) or {status, headers}. Calls are recorded with their parsed JSON body.
 */
export function fakeFetch(responder = () => 200) {
  const calls = [];
  const fn = async (url, init) => {
    const call = { url, init, body: JSON.parse(init.body) };
    calls.push(call);
    const r = responder(call, calls.length);
    if (r instanceof Error) throw r;
    const status = typeof r === 'number' ? r : r.status;
    const headers = (r && r.headers) || {};
    return { status, ok: status < 300, headers: { get: (k) => headers[k] ?? null } };
  };
  fn.calls = calls;
  return fn;
}

export const silentLogger = () => {
  const l = { warnings: [], errors: [] };
  l.warn = (...a) => l.warnings.push(a);
  l.error = (...a) => l.errors.push(a);
  l.log = () => {};
  return l;
};

/** A HubConnection double; `server` maps client->server method names to implementations. */
export class FakeConnection {
  constructor(url, opts, server = {}) {
    this.url = url;
    this.opts = opts;
    this.server = server;
    this.handlers = {};
    this.invocations = [];
    this.closeHandlers = [];
    this.reconnectingHandlers = [];
    this.reconnectedHandlers = [];
    this.failStart = false;
    this.stopped = false;
  }
  on(name, fn) {
    this.handlers[name] = fn;
  }
  onclose(fn) {
    this.closeHandlers.push(fn);
  }
  onreconnecting(fn) {
    this.reconnectingHandlers.push(fn);
  }
  onreconnected(fn) {
    this.reconnectedHandlers.push(fn);
  }
  start() {
    return this.failStart ? Promise.reject(new Error('server down')) : Promise.resolve();
  }
  stop() {
    this.stopped = true;
    return Promise.resolve();
  }
  invoke(method, ...args) {
    this.invocations.push([method, ...args]);
    const h = this.server[method];
    try {
      return Promise.resolve(h ? h(...args) : null);
    } catch (e) {
      return Promise.reject(e);
    }
  }
  // test controls
  serverSends(name, ...args) {
    this.handlers[name](...args);
  }
  simulateReconnect() {
    this.reconnectingHandlers.forEach((f) => f(new Error('drop')));
    this.reconnectedHandlers.forEach((f) => f('new-id'));
  }
  simulateClose() {
    this.closeHandlers.forEach((f) => f(new Error('closed')));
  }
}

/** A createConnection factory recording every connection it makes. */
export function connectionFactory(server = {}, configure = () => {}) {
  const made = [];
  const create = (url, opts) => {
    const c = new FakeConnection(url, opts, typeof server === 'function' ? server() : server);
    configure(c, made.length);
    made.push(c);
    return c;
  };
  create.made = made;
  return create;
}
