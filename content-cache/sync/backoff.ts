/**
 * Exponential backoff with jitter: the n-th wait (n from 1) lies between half and all of
 * base·2^(n-1), capped at max, so boards that failed together do not retry together.
 */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: () => number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

const SIX_HOURS_MS = 6 * 3_600_000;

interface Failure {
  count: number;
  retryAt: number;
  reason: string;
}

/**
 * Blobs that failed a whole round (every attempt), remembered across rounds: such a blob waits an
 * exponentially growing, jittered time before anyone asks for it again, so a server that keeps
 * sending a bad or zero-byte file costs one bounded round now and then, not a download loop.
 * Kept in memory: after a restart one more bounded round is spent before the backoff resumes.
 */
export class BlobFailures {
  private readonly failures = new Map<string, Failure>();

  constructor(
    private readonly baseMs: number,
    private readonly random: () => number,
  ) {}

  record(sha256: string, reason: string, now: Date): Failure {
    const count = (this.failures.get(sha256)?.count ?? 0) + 1;
    const failure = {
      count,
      reason,
      retryAt: now.getTime() + backoffDelay(count, this.baseMs, SIX_HOURS_MS, this.random),
    };
    this.failures.set(sha256, failure);
    return failure;
  }

  clear(sha256: string): void {
    this.failures.delete(sha256);
  }

  /** The failure holding this blob back at `now`, if any. */
  blocking(sha256: string, now: Date): Failure | null {
    const failure = this.failures.get(sha256);
    return failure && failure.retryAt > now.getTime() ? failure : null;
  }
}
