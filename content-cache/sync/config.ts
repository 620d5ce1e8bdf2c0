import cron from 'node-cron';
import { z } from 'zod';

const MIB = 1024 * 1024;
const clockSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a wall-clock time as HH:MM (00:00-23:59)');

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Wall-clock hours in which large blobs may download; `end` before `start` spans midnight. */
export const downloadWindowSchema = z
  .object({ start: clockSchema, end: clockSchema })
  .refine((window) => window.start !== window.end, 'a download window needs a start and an end that differ');
export type DownloadWindow = z.infer<typeof downloadWindowSchema>;

/**
 * How a board pulls content. Manifest checks run on `schedule` at any hour: they cost one request
 * and no body when nothing changed. A version is published only when every blob it references is
 * here, so anything that holds blobs back (the download window, the daily byte budget) holds the
 * whole version back; the defaults therefore leave both open, and boards on metered or daytime-busy
 * links set them. The window applies only to blobs of at least `largeBlobBytes` (video, PDF pages):
 * article bodies and pictures are small and come at once.
 */
export const syncConfigSchema = z.object({
  /** node-cron expression (5 fields, or 6 with seconds), evaluated in `timeZone`. */
  schedule: z
    .string()
    .refine((expression) => cron.validate(expression), 'not a valid cron expression')
    .default('*/5 * * * *'),
  /** Each scheduled round first waits a random 0..N ms, so a fleet on one schedule does not call at the same second. */
  maxRandomDelayMs: z.number().int().min(0).max(3_600_000).default(60_000),
  /** IANA zone for the schedule, the download window and the budget's day; the system zone when absent. */
  timeZone: z.string().refine(isTimeZone, 'not an IANA time zone').optional(),
  downloadWindow: downloadWindowSchema.nullable().default(null),
  largeBlobBytes: z
    .number()
    .int()
    .positive()
    .default(8 * MIB),
  /** Body bytes (manifest and blobs) one local day may take; null for no limit. */
  dailyByteBudget: z.number().int().positive().nullable().default(null),
  /** Blob cache size above which unreferenced blobs are evicted, least recently used first. */
  diskBudgetBytes: z
    .number()
    .int()
    .positive()
    .default(4 * 1024 * MIB),
  blobConcurrency: z.number().int().min(1).max(16).default(4),
  /** From sending a request to its response headers. */
  requestTimeoutMs: z.number().int().positive().default(15_000),
  /** Longest silence while a body streams; a whole-request limit would cut off large blobs on slow links. */
  idleTimeoutMs: z.number().int().positive().default(30_000),
  attemptsPerBlob: z.number().int().min(1).max(10).default(3),
  retryBaseMs: z.number().int().min(0).default(1_000),
  retryMaxMs: z.number().int().min(0).default(30_000),
  /** A blob that failed a whole round waits this long before the next try, doubling per failed round up to 6 h. */
  failedBlobBackoffMs: z.number().int().min(0).default(60_000),
  /** Partial downloads untouched this long are deleted. */
  partialMaxAgeMs: z
    .number()
    .int()
    .positive()
    .default(24 * 3_600_000),
  /**
   * Stored blobs re-hashed per round (at most this many bytes and blobs), so on-disk damage is found
   * and repaired over time without weighing on a round that has nothing else to do.
   */
  scrubBytesPerRound: z
    .number()
    .int()
    .min(0)
    .default(2 * MIB),
  scrubBlobsPerRound: z.number().int().min(0).default(32),
});
export type SyncConfig = z.output<typeof syncConfigSchema>;
export type SyncConfigInput = z.input<typeof syncConfigSchema>;
