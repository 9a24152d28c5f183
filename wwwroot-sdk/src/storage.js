// JSON wrapper over Web Storage that never throws (private mode, sandboxed iframes, quota)
// and falls back to memory when storage is unavailable.

function memoryStorage() {
  const m = new Map();
  return {
    getItem: (k) => (m.has(k) ? m.get(k) : null),
    setItem: (k, v) => void m.set(k, String(v)),
    removeItem: (k) => void m.delete(k),
  };
}

/** @param {() => Storage} getBacking a function, because touching window.localStorage may throw */
export function createStorage(getBacking) {
  let backing;
  try {
    backing = getBacking();
    const probe = '__cc_probe__';
    backing.setItem(probe, '1');
    backing.removeItem(probe);
  } catch {
    backing = memoryStorage();
  }
  return {
    get(key, fallback = null) {
      try {
        const raw = backing.getItem(key);
        return raw == null ? fallback : JSON.parse(raw);
      } catch {
        return fallback;
      }
    },
    set(key, value) {
      try {
        backing.setItem(key, JSON.stringify(value));
        return true;
      } catch {
        return false;
      }
    },
    remove(key) {
      try {
        backing.removeItem(key);
      } catch {
        /* ignore */
      }
    },
  };
}

export { memoryStorage };
