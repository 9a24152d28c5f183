// The outgoing message queue, persisted in localStorage so a reload or a crash does not lose
// messages. Every tab of the site appends to the same list; the tab holding the lease flushes it.
// Each operation re-reads storage, so writes from other tabs are not overwritten.
import { KEYS, LIMITS } from './constants.js';

export function createQueue({ storage, key = KEYS.queue, max = LIMITS.maxQueue, logger = console } = {}) {
  const read = () => {
    const v = storage.get(key, []);
    return Array.isArray(v) ? v : [];
  };
  return {
    all: read,
    size: () => read().length,
    push(message) {
      const list = read();
      list.push(message);
      if (list.length > max) {
        const dropped = list.splice(0, list.length - max);
        logger.warn(`[campaign] offline queue full, dropped ${dropped.length} oldest message(s)`);
      }
      storage.set(key, list);
    },
    /** Removes messages by messageId (never by position: other tabs may have appended). */
    remove(ids) {
      const set = ids instanceof Set ? ids : new Set(ids);
      if (!set.size) return;
      const list = read();
      const kept = list.filter((m) => !set.has(m.messageId));
      if (kept.length !== list.length) {
        if (kept.length) storage.set(key, kept);
        else storage.remove(key);
      }
    },
  };
}
