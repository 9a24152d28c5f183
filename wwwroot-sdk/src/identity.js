// Who the visitor is: a persisted anonymousId (always), and userId / userHash / traits after identify.
import { KEYS } from './constants.js';

export function createIdentity({ storage, uuid }) {
  let anonymousId = storage.get(KEYS.anonymousId, null);
  if (typeof anonymousId !== 'string' || !anonymousId) {
    anonymousId = uuid();
    storage.set(KEYS.anonymousId, anonymousId);
  }
  let userId = storage.get(KEYS.userId, null);
  let userHash = storage.get(KEYS.userHash, null);
  let traits = storage.get(KEYS.traits, {}) || {};

  return {
    get anonymousId() {
      return anonymousId;
    },
    get userId() {
      return userId;
    },
    get userHash() {
      return userHash;
    },
    get traits() {
      return { ...traits };
    },
    /** Sets the user; returns true when the user (or its hash) changed. */
    setUser(id, newTraits, hash) {
      const nextId = id == null || id === '' ? userId : String(id);
      const nextHash = hash !== undefined ? hash || null : nextId === userId ? userHash : null;
      const changed = nextId !== userId || nextHash !== userHash;
      if (nextId !== userId) traits = {};
      userId = nextId;
      userHash = nextHash;
      traits = { ...traits, ...(newTraits || {}) };
      storage.set(KEYS.userId, userId);
      storage.set(KEYS.userHash, userHash);
      storage.set(KEYS.traits, traits);
      return changed;
    },
    reset() {
      userId = null;
      userHash = null;
      traits = {};
      anonymousId = uuid();
      storage.remove(KEYS.userId);
      storage.remove(KEYS.userHash);
      storage.remove(KEYS.traits);
      storage.set(KEYS.anonymousId, anonymousId);
    },
  };
}
