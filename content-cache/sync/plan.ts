import type { BlobRef } from '../../common/pack.js';
import type { BlobFailures } from './backoff.js';
import type { SyncConfig } from './config.js';
import { inDownloadWindow } from './localTime.js';

export interface DownloadPlan {
  /** Blobs to fetch in this round. */
  now: BlobRef[];
  /** Blobs held back until the download window opens. */
  awaitingWindow: BlobRef[];
  /** Blobs held back because today's byte budget would be exceeded. */
  awaitingBudget: BlobRef[];
  /** Blobs held back because they failed whole rounds recently; each with why and until when. */
  backingOff: { ref: BlobRef; reason: string; count: number; retryAt: Date }[];
}

/**
 * Decides which missing blobs this round fetches. Large blobs wait for the download window; the day's
 * byte budget is reserved blob by blob in manifest order (a blob larger than the whole budget is let
 * through as the first download of a day); blobs that failed recently wait out their backoff. Anything held back holds the version back, and the status says why.
 */
export function planDownloads(
  missing: readonly BlobRef[],
  options: {
    now: Date;
    config: Pick<SyncConfig, 'downloadWindow' | 'largeBlobBytes' | 'dailyByteBudget' | 'timeZone'>;
    bytesToday: number;
    failures: BlobFailures;
  },
): DownloadPlan {
  const { now, config, failures } = options;
  const plan: DownloadPlan = { now: [], awaitingWindow: [], awaitingBudget: [], backingOff: [] };
  const windowOpen = inDownloadWindow(now, config.downloadWindow, config.timeZone);
  let reserved = options.bytesToday;
  for (const ref of missing) {
    const failure = failures.blocking(ref.sha256, now);
    if (failure) {
      plan.backingOff.push({ ref, reason: failure.reason, count: failure.count, retryAt: new Date(failure.retryAt) });
    } else if (ref.size >= config.largeBlobBytes && !windowOpen) {
      plan.awaitingWindow.push(ref);
    } else if (
      config.dailyByteBudget !== null &&
      reserved + ref.size > config.dailyByteBudget &&
      // A blob larger than the whole budget would otherwise wait forever: it may open a fresh day, alone.
      reserved > 0
    ) {
      plan.awaitingBudget.push(ref);
    } else {
      reserved += ref.size;
      plan.now.push(ref);
    }
  }
  return plan;
}

const megabytes = (refs: readonly BlobRef[]) =>
  `${(refs.reduce((sum, ref) => sum + ref.size, 0) / 1024 / 1024).toFixed(1)} MB`;

/** Why a version is still waiting although nothing failed, for the operator's status line. */
export function pendingReason(plan: DownloadPlan, config: Pick<SyncConfig, 'downloadWindow'>): string | null {
  const reasons: string[] = [];
  if (plan.awaitingWindow.length > 0 && config.downloadWindow) {
    const { start, end } = config.downloadWindow;
    reasons.push(
      `${plan.awaitingWindow.length} large blob(s) (${megabytes(plan.awaitingWindow)}) wait for the download window ${start}-${end}`,
    );
  }
  if (plan.awaitingBudget.length > 0) {
    reasons.push(
      `${plan.awaitingBudget.length} blob(s) (${megabytes(plan.awaitingBudget)}) wait for tomorrow's download budget`,
    );
  }
  return reasons.length > 0 ? reasons.join('; ') : null;
}

/** The error a round reports when blobs it needs are backing off after failed rounds. */
export function backoffMessage(plan: DownloadPlan): string | null {
  const first = plan.backingOff[0];
  if (!first) return null;
  const others = plan.backingOff.length > 1 ? ` (and ${plan.backingOff.length - 1} more)` : '';
  return (
    `blob ${first.ref.sha256}${others} failed ${first.count} round(s) in a row (${first.reason}); ` +
    `next try after ${first.retryAt.toISOString()}`
  );
}
