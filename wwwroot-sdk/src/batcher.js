// Batches queued messages to /v1/batch: flushes every `flushInterval` ms or as soon as
// `flushAt` messages wait, retries with exponential backoff + jitter on network errors,
// 5xx, 408 and 429, and drops (with a console warning) what the server refuses with another 4xx.
// Messages stay in the persisted queue until the server accepted them, so they keep their
// messageId across retries and reloads (the server de-duplicates by messageId).
import { LIMITS } from './constants.js';
import { backoffDelay } from './backoff.js';
import { batchUrl, batchBody, byteLength, sendBatch, splitBySize } from './transport.js';
import { beaconMessages } from './beacon.js';

export function createBatcher({
  queue,
  lease,
  clock,
  fetch,
  sendBeacon = null,
  Blob: BlobCtor = globalThis.Blob,
  getConfig, // () => ({ apiHost, writeKey }) ; falsy values mean "not configured yet"
  isOnline = () => true,
  logger = console,
  flushAt = LIMITS.flushAt,
  flushInterval = LIMITS.flushInterval,
  maxMessageBytes = LIMITS.maxMessageBytes,
  maxBatchBytes = LIMITS.maxBatchBytes,
  backoff = { base: 1000, cap: 30000 },
}) {
  let timer = null;
  let due = 0;
  let inflight = null;
  let attempt = 0;
  let retryAt = 0;
  const ownIds = new Set(); // ids enqueued by this tab (beaconed on hide even when not owner)
  const isolate = new Set(); // ids of a refused batch, resent one by one to find the bad one

  const configured = () => {
    const c = getConfig();
    return c && c.apiHost && c.writeKey ? c : null;
  };

  function schedule(ms) {
    const now = clock.now();
    const at = Math.max(now + ms, retryAt);
    if (timer && due <= at) return;
    if (timer) clock.clearTimeout(timer);
    due = at;
    timer = clock.setTimeout(() => {
      timer = null;
      tick();
    }, at - now);
  }

  function enqueue(message) {
    const size = byteLength(JSON.stringify(message));
    if (size > maxMessageBytes) {
      logger.warn(`[campaign] message ${message.messageId} is ${size} bytes (limit ${maxMessageBytes}); dropped`);
      return false;
    }
    queue.push(message);
    ownIds.add(message.messageId);
    schedule(queue.size() >= flushAt ? 0 : flushInterval);
    return true;
  }

  function nextBatch(all, config) {
    if (!all.length) return [];
    if (isolate.has(all[0].messageId)) return [all[0]];
    const candidates = all.slice(0, flushAt);
    return splitBySize(candidates, { writeKey: config.writeKey, sentAt: new Date(clock.now()).toISOString(), limit: maxBatchBytes, maxCount: flushAt })[0];
  }

  /** One flush round. Resolves with the outcome ('ok', 'retry', 'drop', 'idle', 'busy', 'not-owner'). */
  function tick() {
    if (inflight) return inflight;
    const config = configured();
    if (!config) return Promise.resolve('idle');
    if (!isOnline()) {
      // the 'online' event calls retryNow(); poll slowly meanwhile in case it never fires
      if (queue.size()) schedule(Math.max(flushInterval, 5000));
      return Promise.resolve('offline');
    }
    const all = queue.all();
    if (!lease.tryAcquire()) {
      if (all.length) schedule(flushInterval); // take over when the owner's lease expires
      return Promise.resolve('not-owner');
    }
    const batch = nextBatch(all, config);
    if (!batch.length) return Promise.resolve('idle');
    const ids = batch.map((m) => m.messageId);
    const sentAt = new Date(clock.now()).toISOString();
    inflight = sendBatch({ fetch, url: batchUrl(config.apiHost), body: batchBody(batch, config.writeKey, sentAt), now: clock.now })
      .then((r) => handle(r, batch, ids))
      .finally(() => {
        inflight = null;
      });
    return inflight;
  }

  function forget(ids) {
    queue.remove(ids);
    for (const id of ids) {
      ownIds.delete(id);
      isolate.delete(id);
    }
  }

  function handle(r, batch, ids) {
    if (r.result === 'ok') {
      forget(ids);
      attempt = 0;
      retryAt = 0;
      const left = queue.size();
      if (left) schedule(left >= flushAt ? 0 : flushInterval);
      return 'ok';
    }
    if (r.result === 'retry') {
      const delay = Math.max(backoffDelay(attempt, { ...backoff, random: clock.random }), r.retryAfter || 0);
      attempt++;
      retryAt = clock.now() + delay;
      schedule(delay);
      return 'retry';
    }
    // Permanent refusal. A batch is all-or-nothing on the server, so one bad message would sink
    // the others: resend a refused multi-message batch one message at a time. 401/403 (bad write
    // key) would refuse every message alike, so those are dropped at once.
    if (batch.length > 1 && r.status !== 401 && r.status !== 403) {
      for (const id of ids) isolate.add(id);
      schedule(0);
      return 'split';
    }
    forget(ids);
    logger.warn(`[campaign] server refused ${ids.length} message(s) with HTTP ${r.status}; dropped`, ids);
    if (queue.size()) schedule(0);
    return 'drop';
  }

  /** Page is being hidden or unloaded: hand what is left to sendBeacon. */
  function pageHide() {
    const config = configured();
    if (!config) return [];
    const owner = lease.isOwner();
    const all = queue.all();
    const msgs = owner ? all : all.filter((m) => ownIds.has(m.messageId));
    const sent = beaconMessages({
      sendBeacon,
      Blob: BlobCtor,
      url: batchUrl(config.apiHost),
      messages: msgs,
      writeKey: config.writeKey,
      sentAt: new Date(clock.now()).toISOString(),
    });
    if (sent.length) forget(sent);
    if (owner) lease.release(); // let a visible tab take over
    return sent;
  }

  return {
    enqueue,
    /** Flushes now (one batch per call); resolves with the outcome. */
    flush: () => {
      if (timer) {
        clock.clearTimeout(timer);
        timer = null;
      }
      return tick();
    },
    /** Network is back (or config arrived): try again without waiting for the backoff. */
    retryNow() {
      retryAt = 0;
      attempt = 0;
      if (queue.size()) schedule(0);
    },
    /** Another tab appended to the queue (storage event) or the page became visible. */
    poke() {
      if (queue.size()) schedule(flushInterval);
    },
    pageHide,
    get attempt() {
      return attempt;
    },
  };
}
