import type { Database } from 'better-sqlite3';
import type { Logger } from 'pino';
import { indexPending } from './indexer.js';

/**
 * Rows per slice. Folding, pinyin and three index inserts cost ~0.2 ms a row here, so a slice holds
 * the event loop for tens of milliseconds: a tap on the board is answered between two slices even
 * while a 100,000-item first sync is being indexed.
 */
const SLICE_ROWS = 200;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Indexes what publishing queued for search in small slices, yielding to the event loop between
 * them, so the kiosk host keeps answering the renderer while a large version becomes searchable. A
 * publish is readable at once and searchable moments later. Stopped or crashed mid-way, the rest
 * stays queued in `search_pending` for the next run.
 */
export class BackgroundIndexer {
  private running: Promise<void> | null = null;
  /** Set by every kick; a run clears it before each pass, so rows queued after a pass get another. */
  private dirty = false;
  private stopped = false;

  constructor(
    private readonly db: Database,
    private readonly logger: Logger,
    private readonly sliceRows = SLICE_ROWS,
  ) {}

  /** Something was queued: index it soon. Never throws; a failure is logged and retried at the next kick. */
  kick(): void {
    if (this.stopped) return;
    this.dirty = true;
    this.running ??= this.drain().finally(() => {
      this.running = null;
      // A kick that came after the run's last check but before this line must not wait for the next publish.
      if (this.dirty) this.kick();
    });
  }

  /** Resolves when nothing is queued or running (or the last run failed). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Finishes the slice in progress and starts no other, so the connection can close. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.idle();
  }

  private async drain(): Promise<void> {
    while (this.dirty && !this.stopped) {
      this.dirty = false;
      try {
        for (;;) {
          await nextTurn();
          if (this.stopped) return;
          const { indexed, remaining } = indexPending(this.db, { batchSize: this.sliceRows, maxRows: this.sliceRows });
          if (indexed === 0 || remaining === 0) break;
        }
      } catch (error) {
        // A full disk, say: the rows stay queued and the next publish kicks another run.
        this.logger.warn({ err: (error as Error).message }, 'search indexing paused; the rows stay queued');
        this.dirty = false;
        return;
      }
    }
  }
}
