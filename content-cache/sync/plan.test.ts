import { describe, expect, it } from 'vitest';
import type { BlobRef } from '../../common/pack.js';
import { BlobFailures, backoffDelay } from './backoff.js';
import { syncConfigSchema } from './config.js';
import { inDownloadWindow, localDay } from './localTime.js';
import { backoffMessage, pendingReason, planDownloads } from './plan.js';

const MB = 1024 * 1024;
const ref = (n: number, size: number): BlobRef => ({
  sha256: n.toString(16).padStart(64, '0'),
  size,
  mediaType: 'application/octet-stream',
});
/** 03:00 and 14:00 on 1 June 2024 in Shanghai (UTC+8). */
const night = new Date('2024-05-31T19:00:00Z');
const afternoon = new Date('2024-06-01T06:00:00Z');
const zone = 'Asia/Shanghai';

describe('download windows and the board’s day', () => {
  it('open a window between its start and end, spanning midnight when the end comes first', () => {
    const nightly = { start: '01:00', end: '05:00' };
    expect(inDownloadWindow(night, nightly, zone)).toBe(true);
    expect(inDownloadWindow(afternoon, nightly, zone)).toBe(false);
    const overnight = { start: '22:00', end: '04:00' };
    expect(inDownloadWindow(night, overnight, zone)).toBe(true);
    expect(inDownloadWindow(new Date('2024-05-31T14:30:00Z'), overnight, zone)).toBe(true); // 22:30
    expect(inDownloadWindow(afternoon, overnight, zone)).toBe(false);
    expect(inDownloadWindow(afternoon, null, zone)).toBe(true);
  });

  it('count the day in the board’s zone, not UTC', () => {
    expect(localDay(night, zone)).toBe('2024-06-01');
    expect(localDay(night, 'UTC')).toBe('2024-05-31');
  });

  it('refuse bad configuration with a clear message', () => {
    expect(syncConfigSchema.safeParse({ schedule: 'every five minutes' }).error?.message).toMatch(/cron/);
    expect(syncConfigSchema.safeParse({ downloadWindow: { start: '25:00', end: '05:00' } }).success).toBe(false);
    expect(syncConfigSchema.safeParse({ timeZone: 'Mars/Olympus' }).error?.message).toMatch(/IANA/);
    expect(syncConfigSchema.parse({}).schedule).toBe('*/5 * * * *');
  });
});

describe('planDownloads', () => {
  const config = { downloadWindow: { start: '01:00', end: '05:00' }, largeBlobBytes: 8 * MB, timeZone: zone };
  const failures = () => new BlobFailures(60_000, () => 0.5);

  it('lets small blobs through at any hour and holds large ones for the window', () => {
    const refs = [ref(1, 10_000), ref(2, 50 * MB), ref(3, 20_000)];
    const day = planDownloads(refs, {
      now: afternoon,
      config: { ...config, dailyByteBudget: null },
      bytesToday: 0,
      failures: failures(),
    });
    expect(day.now.map((r) => r.size)).toEqual([10_000, 20_000]);
    expect(day.awaitingWindow.map((r) => r.size)).toEqual([50 * MB]);
    expect(pendingReason(day, config)).toBe('1 large blob(s) (50.0 MB) wait for the download window 01:00-05:00');
    const nightPlan = planDownloads(refs, {
      now: night,
      config: { ...config, dailyByteBudget: null },
      bytesToday: 0,
      failures: failures(),
    });
    expect(nightPlan.now).toHaveLength(3);
    expect(pendingReason(nightPlan, config)).toBeNull();
  });

  it('reserves the day’s byte budget blob by blob', () => {
    const refs = [ref(1, 4 * MB), ref(2, 4 * MB), ref(3, 1 * MB)];
    const plan = planDownloads(refs, {
      now: night,
      config: { ...config, dailyByteBudget: 10 * MB },
      bytesToday: 3 * MB,
      failures: failures(),
    });
    expect(plan.now.map((r) => r.size)).toEqual([4 * MB, 1 * MB]);
    expect(plan.awaitingBudget.map((r) => r.size)).toEqual([4 * MB]);
    expect(pendingReason(plan, config)).toMatch(/1 blob\(s\) \(4\.0 MB\) wait for tomorrow's download budget/);
  });

  it('lets a blob larger than the whole budget through as the first download of a day, and only then', () => {
    const huge = [ref(1, 30 * MB), ref(2, 1 * MB)];
    const options = { now: night, config: { ...config, dailyByteBudget: 10 * MB }, failures: failures() };
    expect(planDownloads(huge, { ...options, bytesToday: 0 }).now.map((r) => r.size)).toEqual([30 * MB]);
    expect(planDownloads(huge, { ...options, bytesToday: 1 }).now.map((r) => r.size)).toEqual([1 * MB]);
  });

  it('holds a blob that failed a round until its backoff ends, growing the wait each failed round', () => {
    const ledger = failures();
    const bad = ref(7, 1000);
    const first = ledger.record(bad.sha256, 'arrived with the wrong bytes', afternoon);
    const second = ledger.record(bad.sha256, 'arrived with the wrong bytes', afternoon);
    expect(second.retryAt - afternoon.getTime()).toBeGreaterThan(first.retryAt - afternoon.getTime());
    const plan = planDownloads([bad], {
      now: afternoon,
      config: { ...config, dailyByteBudget: null },
      bytesToday: 0,
      failures: ledger,
    });
    expect(plan.now).toEqual([]);
    expect(backoffMessage(plan)).toMatch(
      new RegExp(
        `blob ${bad.sha256} failed 2 round\\(s\\) in a row \\(arrived with the wrong bytes\\); next try after 2024-06-01T`,
      ),
    );
    const later = new Date(second.retryAt + 1);
    expect(
      planDownloads([bad], {
        now: later,
        config: { ...config, dailyByteBudget: null },
        bytesToday: 0,
        failures: ledger,
      }).now,
    ).toEqual([bad]);
  });

  it('jitters backoff between half and all of the doubled wait, capped', () => {
    expect(backoffDelay(1, 1000, 30_000, () => 0)).toBe(500);
    expect(backoffDelay(3, 1000, 30_000, () => 1)).toBe(4000);
    expect(backoffDelay(20, 1000, 30_000, () => 1)).toBe(30_000);
  });
});
