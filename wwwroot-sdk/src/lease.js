// Single-tab ownership of the persisted queue: a lease record {owner, expires} in localStorage.
// The owner renews it on every flush tick; a tab that closes or crashes stops renewing and
// another tab takes over once it expires. Hidden tabs release it so a visible tab flushes.
import { KEYS, LIMITS } from './constants.js';

export function createLease({ storage, clock, id, key = KEYS.lease, ttl = LIMITS.leaseTtl }) {
  const current = () => storage.get(key, null);
  return {
    id,
    /** Takes or renews the lease when free, expired or already ours. Returns true when owned. */
    tryAcquire() {
      const now = clock.now();
      const l = current();
      if (l && l.owner !== id && l.expires > now) return false;
      storage.set(key, { owner: id, expires: now + ttl });
      // Read back: if another tab wrote in between, the last writer wins and the other backs off.
      const after = current();
      return !!after && after.owner === id;
    },
    isOwner() {
      const l = current();
      return !!l && l.owner === id && l.expires > clock.now();
    },
    release() {
      const l = current();
      if (l && l.owner === id) storage.remove(key);
    },
  };
}
