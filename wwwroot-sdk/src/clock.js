// Time and randomness, injectable so tests can drive timers deterministically.
export const defaultClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (id) => clearTimeout(id),
  random: () => Math.random(),
};
