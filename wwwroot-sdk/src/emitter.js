// Minimal event emitter.
export function createEmitter(onError = (e) => console.error('[campaign]', e)) {
  const handlers = new Map();
  return {
    on(type, fn) {
      if (typeof fn !== 'function') return () => {};
      if (!handlers.has(type)) handlers.set(type, []);
      handlers.get(type).push(fn);
      return () => this.off(type, fn);
    },
    off(type, fn) {
      const list = handlers.get(type);
      if (!list) return;
      if (!fn) handlers.delete(type);
      else handlers.set(type, list.filter((h) => h !== fn));
    },
    /** Calls every handler; returns their results. A throwing handler does not stop the others. */
    emit(type, ...args) {
      return (handlers.get(type) || []).slice().map((h) => {
        try {
          return h(...args);
        } catch (e) {
          onError(e);
          return undefined;
        }
      });
    },
    count(type) {
      return (handlers.get(type) || []).length;
    },
  };
}
