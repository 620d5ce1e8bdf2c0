import type { Logger } from 'pino';
import type { BlobRef } from '../../common/pack.js';
import type { BlobStore } from '../../content-format/blobs/fsBlobStore.js';
import { BlobFailures } from './backoff.js';
import { downloadBlob, type DownloadContext } from './blobDownload.js';
import type { SyncConfig } from './config.js';
import { TransferError, describeError, diskProblem } from './errors.js';
import { mapBounded } from '../../content-format/mapBounded.js';

/**
 * Whether a failed blob should wait out a backoff before the next round tries it. A full disk is the
 * board's problem, not the blob's; a flaky link that still moved bytes loses nothing, since the next
 * round resumes where it stopped. Bad bytes, error answers and links that move nothing do wait.
 */
function holdsBack(error: unknown, received: number): boolean {
  if (!(error instanceof TransferError)) return !diskProblem(error);
  return error.source !== 'disk' && !(error.source === 'network' && received > 0);
}

/**
 * Fetches blobs for the sync rounds, a bounded number at a time, and remembers across rounds which
 * blobs keep failing (the backoff the download plan consults) and the If-Range validators of
 * partial downloads.
 */
export class BlobFetcher {
  readonly failures: BlobFailures;
  private readonly validators = new Map<string, string>();

  constructor(
    private readonly options: {
      blobs: BlobStore;
      fetch: typeof fetch;
      config: SyncConfig;
      logger: Logger;
      random: () => number;
      now: () => Date;
    },
  ) {
    this.failures = new BlobFailures(options.config.failedBlobBackoffMs, options.random);
  }

  /** Stops starting new downloads after the first blob that fails all its attempts, and rethrows its error. */
  async fetch(serverUrl: string, refs: readonly BlobRef[], onBytes: (count: number) => void): Promise<void> {
    const { config, now } = this.options;
    const context: DownloadContext = { ...this.options, serverUrl, onBytes, validators: this.validators };
    await mapBounded(refs, config.blobConcurrency, async (ref) => {
      let received = 0;
      try {
        await downloadBlob({ ...context, onBytes: (count) => (onBytes(count), (received += count)) }, ref);
        this.failures.clear(ref.sha256);
      } catch (error) {
        if (holdsBack(error, received)) this.failures.record(ref.sha256, describeError(error), now());
        throw error;
      }
    });
  }
}
