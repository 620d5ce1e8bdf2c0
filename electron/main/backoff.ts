export interface RetryPolicyOptions {
  initialMs: number;
  /** Longest wait between attempts: the cap on how often a crashing part is retried. */
  maxMs: number;
  /**
   * A failure this long after the previous one starts again at `initialMs`. Must exceed `maxMs`,
   * or a part that fails right after every capped wait would never be seen as crash-looping.
   */
  stableMs: number;
}

export interface RetryPolicy {
  /** Records a failure now and returns how long to wait before the next attempt. */
  afterFailure(): number;
}

/**
 * Exponential backoff for restarts of long-lived parts (renderer, host). A kiosk must come back on
 * its own, but a part that dies at start must not be restarted in a tight loop that burns the CPU
 * of a small board and floods the logs.
 */
export function createRetryPolicy({ initialMs, maxMs, stableMs }: RetryPolicyOptions): RetryPolicy {
  if (stableMs <= maxMs) throw new Error('stableMs must exceed maxMs');
  let attempt = 0;
  let lastFailureAt = Number.NEGATIVE_INFINITY;
  return {
    afterFailure() {
      const now = Date.now();
      if (now - lastFailureAt >= stableMs) attempt = 0;
      lastFailureAt = now;
      const delay = Math.min(maxMs, initialMs * 2 ** attempt);
      attempt += 1;
      return delay;
    },
  };
}
