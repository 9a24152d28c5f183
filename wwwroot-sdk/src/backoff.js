// Exponential backoff with jitter, and the SignalR reconnect policy built on it.

/**
 * Delay before retry number `attempt` (0-based): base * 2^attempt capped at `cap`,
 * with "equal jitter" (half fixed, half random) so tabs do not retry in lockstep.
 */
export function backoffDelay(attempt, { base = 1000, cap = 30000, random = Math.random } = {}) {
  const exp = Math.min(cap, base * Math.pow(2, Math.max(0, Math.min(attempt, 30))));
  return Math.round(exp / 2 + random() * (exp / 2));
}

/**
 * An IRetryPolicy for HubConnectionBuilder.withAutomaticReconnect that never gives up:
 * nextRetryDelayInMilliseconds never returns null.
 */
export function createReconnectPolicy({ base = 1000, cap = 30000, random = Math.random } = {}) {
  return {
    nextRetryDelayInMilliseconds(retryContext) {
      const n = retryContext && retryContext.previousRetryCount >= 0 ? retryContext.previousRetryCount : 0;
      // First retry quickly (0-1 s): most drops are transient network blips.
      if (n === 0) return Math.round(random() * Math.min(base, cap));
      return backoffDelay(n, { base, cap, random });
    },
  };
}
