// Bounded set of already-handled realtime message ids, persisted (sessionStorage by default) so
// a message replayed by Sync after a reconnect or a reload is not shown twice.
import { KEYS, LIMITS } from './constants.js';

export function createSeenIds({ storage, key = KEYS.seen, max = LIMITS.seenIds }) {
  const stored = storage.get(key, []);
  const list = Array.isArray(stored) ? stored.slice(-max) : [];
  const set = new Set(list);
  return {
    has: (id) => set.has(String(id)),
    /** Adds `id`; returns false when it was already seen. */
    add(id) {
      const k = String(id);
      if (set.has(k)) return false;
      set.add(k);
      list.push(k);
      while (list.length > max) set.delete(list.shift());
      storage.set(key, list);
      return true;
    },
    get size() {
      return set.size;
    },
  };
}
