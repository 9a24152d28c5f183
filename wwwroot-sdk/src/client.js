// window.campaign: wires identity, queue, batcher, hub, inbox and renderer together.
// Every environment dependency is injected so the client runs in tests without a browser or server.
import { KEYS, LIMITS, RENDERED_CHANNELS, VERSION } from './constants.js';
import { defaultClock } from './clock.js';
import { uuid as defaultUuid } from './uuid.js';
import { createStorage } from './storage.js';
import { createQueue } from './queue.js';
import { createLease } from './lease.js';
import { createBatcher } from './batcher.js';
import { createIdentity } from './identity.js';
import { buildContext } from './context.js';
import { createEmitter } from './emitter.js';
import { createSeenIds } from './dedup.js';
import { createHubClient } from './hub.js';
import { createInbox } from './inbox.js';
import { createRenderer } from './renderer.js';

const isObj = (v) => v && typeof v === 'object' && !Array.isArray(v);

/**
 * @param {object} deps
 * @param {Window} [deps.window]
 * @param {object} [deps.localStorage] storage wrapper (createStorage) or omitted for window.localStorage
 * @param {object} [deps.sessionStorage]
 * @param {Function} [deps.fetch]
 * @param {Function} [deps.sendBeacon] (url, blob) => boolean
 * @param {Function} [deps.createConnection] (url, opts) => HubConnection-like
 * @param {object} [deps.clock] {now, setTimeout, clearTimeout, random}
 */
export function createClient(deps = {}) {
  const win = deps.window || null;
  const doc = deps.document || (win && win.document) || null;
  const clock = deps.clock || defaultClock;
  const uuid = deps.uuid || defaultUuid;
  const logger = deps.logger || console;
  const local = deps.localStorage || createStorage(() => win.localStorage);
  const session = deps.sessionStorage || createStorage(() => win.sessionStorage);

  const config = { writeKey: null, apiHost: null, realtime: true, render: true, debug: false, nonce: undefined };
  const identity = createIdentity({ storage: local, uuid });
  const queue = createQueue({ storage: local, logger });
  const lease = createLease({ storage: local, clock, id: uuid() });
  const batcher = createBatcher({
    queue,
    lease,
    clock,
    fetch: deps.fetch || (win && win.fetch && win.fetch.bind(win)),
    sendBeacon: deps.sendBeacon || null,
    Blob: deps.Blob || (win && win.Blob) || globalThis.Blob,
    getConfig: () => config,
    isOnline: () => !(win && win.navigator && win.navigator.onLine === false),
    logger,
    flushAt: deps.flushAt || LIMITS.flushAt,
    flushInterval: deps.flushInterval || LIMITS.flushInterval,
  });
  const emitter = createEmitter();
  const seen = createSeenIds({ storage: session });
  const hub = deps.createConnection
    ? createHubClient({ createConnection: deps.createConnection, clock, storage: session, seen, logger, debug: () => config.debug })
    : null;
  const invoke = (...a) => (hub && config.realtime ? hub.invoke(...a) : Promise.reject(new Error('campaign: realtime is not available')));
  const inbox = createInbox({ invoke, clock });
  let renderer = null;
  let initialized = false;
  let timeOverride = null;

  function connectHub() {
    if (!hub || !config.realtime || !config.writeKey || !config.apiHost) return;
    hub.connect({
      apiHost: config.apiHost,
      writeKey: config.writeKey,
      userId: identity.userId,
      userHash: identity.userHash,
      anonymousId: identity.anonymousId,
    });
  }

  if (hub) {
    hub.events.on('message', dispatchMessage);
    hub.events.on('inbox', (items) => inbox._replace(items));
    hub.events.on('inboxAdded', (item) => inbox._added(item));
    hub.events.on('inboxRemoved', (id) => inbox._removed(id));
  }

  function dispatchMessage(message) {
    let prevented = false;
    const evt = {
      ...message,
      message,
      preventDefault() {
        prevented = true;
      },
      get defaultPrevented() {
        return prevented;
      },
    };
    for (const r of emitter.emit('message', evt)) if (r === false) prevented = true;
    if (prevented || !config.render || !doc || !RENDERED_CHANNELS.includes(message.channel)) return;
    if (!renderer) renderer = createRenderer({ document: doc, nonce: config.nonce, clock });
    const render = () => {
      try {
        renderer.render(message);
      } catch (e) {
        logger.error('[campaign] render failed', e);
      }
    };
    // an async script can run before <body> exists: render once the document is parsed
    if (doc.body) render();
    else doc.addEventListener('DOMContentLoaded', render, { once: true });
  }

  function enqueue(type, fields) {
    const msg = {
      type,
      messageId: uuid(),
      timestamp: new Date(timeOverride || clock.now()).toISOString(),
      anonymousId: identity.anonymousId,
      ...(identity.userId ? { userId: identity.userId } : {}),
      ...fields,
      context: buildContext(win),
    };
    batcher.enqueue(msg);
    return msg.messageId;
  }

  function bindWindow() {
    if (!win || !win.addEventListener) return;
    const hide = () => batcher.pageHide();
    if (doc) doc.addEventListener('visibilitychange', () => (doc.visibilityState === 'hidden' ? hide() : batcher.poke()));
    win.addEventListener('pagehide', hide);
    win.addEventListener('online', () => batcher.retryNow());
    win.addEventListener('storage', (e) => e.key === KEYS.queue && e.newValue && batcher.poke());
  }

  const client = {
    VERSION,
    initialized: true,
    /** init({writeKey, apiHost, realtime, render, nonce, debug}); script attributes configure it too. */
    init(options = {}) {
      if (!isObj(options)) return client;
      for (const k of ['writeKey', 'apiHost', 'realtime', 'render', 'debug', 'nonce'])
        if (options[k] !== undefined) config[k] = options[k];
      if (config.apiHost) config.apiHost = String(config.apiHost).replace(/\/+$/, '');
      if (!initialized) {
        initialized = true;
        bindWindow();
      }
      batcher.retryNow();
      if (hub && !config.realtime) hub.stop();
      // Connect on the next tick so identify() calls replayed from the stub come first.
      clock.setTimeout(connectHub, 0);
      return client;
    },
    /** identify(userId, traits, {userHash}); identify(traits) updates the current user's traits. */
    identify(userId, traits, options) {
      if (isObj(userId)) {
        options = traits;
        traits = userId;
        userId = null;
      }
      const opts = isObj(options) ? options : {};
      const changed = identity.setUser(userId, isObj(traits) ? traits : {}, opts.userHash);
      enqueue('identify', { traits: identity.traits });
      if (changed) {
        inbox._clear();
        connectHub();
      }
      return client;
    },
    track(event, properties) {
      if (!event || typeof event !== 'string') {
        logger.warn('[campaign] track(event, properties) needs an event name');
        return client;
      }
      enqueue('track', { event, properties: isObj(properties) ? properties : {} });
      return client;
    },
    /** page(name?, properties?) */
    page(name, properties) {
      if (isObj(name)) {
        properties = name;
        name = undefined;
      }
      const loc = win && win.location;
      const props = {
        ...(loc ? { url: loc.href, path: loc.pathname, search: loc.search } : {}),
        ...(doc ? { title: doc.title, referrer: doc.referrer } : {}),
        ...(isObj(properties) ? properties : {}),
      };
      enqueue('page', { ...(name ? { name: String(name) } : {}), properties: props });
      return client;
    },
    /** Forgets the user (logout): new anonymousId, no userId, reconnects anonymously. */
    reset() {
      identity.reset();
      inbox._clear();
      connectHub();
      return client;
    },
    on: (type, fn) => emitter.on(type, fn),
    off: (type, fn) => emitter.off(type, fn),
    /** Sends queued messages now. */
    flush: () => batcher.flush(),
    inbox,
    get anonymousId() {
      return identity.anonymousId;
    },
    get userId() {
      return identity.userId;
    },
    get connected() {
      return !!(hub && hub.connected);
    },
    // internals, for tests and the stub replay
    _withTime(t, fn) {
      timeOverride = t;
      try {
        return fn();
      } finally {
        timeOverride = null;
      }
    },
    _config: config,
    _queue: queue,
    _batcher: batcher,
    _hub: hub,
    _dispatch: dispatchMessage,
  };
  return client;
}
