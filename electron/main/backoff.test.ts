import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRetryPolicy } from './backoff.js';

describe('createRetryPolicy', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('doubles the wait after each quick failure and never exceeds the cap', () => {
    const policy = createRetryPolicy({ initialMs: 1_000, maxMs: 8_000, stableMs: 60_000 });
    const delays = Array.from({ length: 6 }, () => policy.afterFailure());
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 8_000, 8_000]);
  });

  it('starts again from the initial wait once the part stayed up for stableMs', () => {
    const policy = createRetryPolicy({ initialMs: 1_000, maxMs: 8_000, stableMs: 60_000 });
    policy.afterFailure();
    policy.afterFailure();
    vi.advanceTimersByTime(59_999);
    expect(policy.afterFailure()).toBe(4_000);
    vi.advanceTimersByTime(60_000);
    expect(policy.afterFailure()).toBe(1_000);
  });

  it('refuses a stable period that a capped crash loop could satisfy', () => {
    expect(() => createRetryPolicy({ initialMs: 1_000, maxMs: 60_000, stableMs: 60_000 })).toThrow(/stableMs/);
  });
});
