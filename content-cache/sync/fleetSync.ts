import type { Database } from 'better-sqlite3';
import type { Logger } from 'pino';
import type { SyncStatus } from '../../common/bridge/contract.js';
import { manifestBlobRefs, type BlobRef, type PackManifest } from '../../common/pack.js';
import { BlobIntegrityError, type BlobStore } from '../../content-format/blobs/fsBlobStore.js';
import { enforceBlobBudget } from '../blobs/eviction.js';
import { BlobScrubber } from '../blobs/scrub.js';
import { FLEET_ORIGIN, type ContentWriter } from '../contentWriter.js';
import { BlobFetcher } from './blobFetcher.js';
import { syncConfigSchema, type SyncConfig, type SyncConfigInput } from './config.js';
import { DailyBytes } from './dailyBytes.js';
import { describeError } from './errors.js';
import { NOT_ENROLLED, type FleetDevice } from './fleetDevice.js';
import { fetchManifest } from './manifestFetch.js';
import { backoffMessage, pendingReason, planDownloads } from './plan.js';
import { entriesFromBlobs } from './publishEntries.js';

const ETAG_KEY = 'fleet.manifest.etag';
const VERSION_KEY = 'fleet.manifest.version';
/** Per enrollment: a board enrolled anew (another fleet, a fresh server) starts counting again. */
const appliedKey = (device: FleetDevice) => `fleet.manifest.applied:${device.deviceId}`;

export interface FleetSyncOptions {
  serverUrl: string | null;
  /** The board's enrollment with that server; null until it is enrolled (nothing is fetched then). */
  device: FleetDevice | null;
  writer: ContentWriter;
  /** The writer's connection, for blob eviction and scrubbing (which blobs published content references). */
  db: Database;
  blobs: BlobStore;
  logger: Logger;
  config?: SyncConfigInput;
  /** Called after a new version has been committed. */
  onPublished: (version: string) => void;
  onStatus: (status: SyncStatus) => void;
  /** Called once at the end of every round that tried to reach the server, with its outcome. */
  onRound?: (status: SyncStatus) => void;
  fetch?: typeof fetch;
  now?: () => Date;
  random?: () => number;
}

/** The newest manifest not yet published, and the blobs it still lacks (re-checked each round, never re-listed). */
interface PendingVersion {
  manifest: PackManifest;
  /** The signed document's version (the fleet's release sequence). */
  version: number;
  etag: string | null;
  missing: BlobRef[];
}

interface RoundResult {
  published: string | null;
  pendingReason: string | null;
}

/**
 * Pulls the fleet's content manifest and its blobs, and publishes a version only once every blob
 * is stored and verified. Nothing here needs the network for the kiosk to show what it has.
 */
export class FleetSync {
  private current: SyncStatus;
  private running: Promise<SyncStatus> | null = null;
  private readonly fetchImpl: typeof fetch;
  private readonly now: () => Date;
  private readonly random: () => number;
  private readonly config: SyncConfig;
  private readonly fetcher: BlobFetcher;
  private readonly daily: DailyBytes;
  private readonly scrubber: BlobScrubber;
  /** Referenced blobs found damaged or missing on disk, kept until downloaded again. */
  private readonly repairs = new Map<string, BlobRef>();
  private pending: PendingVersion | null = null;
  private trimmedOnce = false;

  constructor(
    private readonly options: FleetSyncOptions,
    contentVersion: string | null,
  ) {
    this.fetchImpl = options.fetch ?? fetch;
    this.now = options.now ?? (() => new Date());
    this.random = options.random ?? Math.random;
    this.config = syncConfigSchema.parse(options.config ?? {});
    this.fetcher = new BlobFetcher({
      blobs: options.blobs,
      fetch: this.fetchImpl,
      config: this.config,
      logger: options.logger,
      random: this.random,
      now: this.now,
    });
    this.daily = new DailyBytes(options.writer, this.config.timeZone);
    this.scrubber = new BlobScrubber(options.db, options.blobs);
    this.current = {
      online: false,
      serverUrl: options.serverUrl,
      contentVersion,
      lastAttemptAt: null,
      lastSuccessAt: null,
      lastError: !options.serverUrl ? 'standalone: no fleet server configured' : options.device ? null : NOT_ENROLLED,
      bytesToday: this.daily.today(this.now()),
      pendingBlobs: 0,
      pendingReason: null,
      nextAttemptAt: null,
    };
  }

  status(): SyncStatus {
    return this.current;
  }

  /** The manifest version (release sequence) this board shows; null before its first fleet version. */
  appliedVersion(): number | null {
    const { device, writer } = this.options;
    const stored = device ? writer.state(appliedKey(device)) : undefined;
    return stored === undefined ? null : Number(stored);
  }

  get syncConfig(): SyncConfig {
    return this.config;
  }

  /** Single flight: a "sync now" during a running sync waits for that sync instead of starting another. */
  syncOnce(): Promise<SyncStatus> {
    this.running ??= this.round().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** The schedule tells when it runs next, so the status can show it. */
  noteNextAttempt(at: Date | null): void {
    this.update({ nextAttemptAt: at?.toISOString() ?? null });
  }

  private update(patch: Partial<SyncStatus>): SyncStatus {
    this.current = { ...this.current, ...patch };
    this.options.onStatus(this.current);
    return this.current;
  }

  private async round(): Promise<SyncStatus> {
    const status = await this.attempt();
    if (this.options.serverUrl && this.options.device) this.options.onRound?.(status);
    return status;
  }

  private async attempt(): Promise<SyncStatus> {
    const { serverUrl, device, logger } = this.options;
    if (!serverUrl || !device) return this.current;
    const attemptAt = this.now().toISOString();
    let bytes = 0;
    let outcome: { result: RoundResult } | { error: unknown };
    try {
      outcome = { result: await this.pull(serverUrl, device, (count) => (bytes += count)) };
    } catch (error) {
      outcome = { error };
    }
    try {
      this.daily.add(bytes, this.now());
    } catch (error) {
      // A full disk can refuse even this small write; the round's status must still be reported.
      logger.warn({ err: describeError(error) }, 'could not record the bytes downloaded today');
    }
    const common = {
      lastAttemptAt: attemptAt,
      bytesToday: this.daily.today(this.now()),
      pendingBlobs: this.pendingBlobCount(),
    };
    if ('error' in outcome) {
      const message = describeError(outcome.error);
      logger.warn({ err: message, serverUrl }, 'sync failed; showing cached content');
      return this.update({ ...common, online: false, lastError: message, pendingReason: null });
    }
    const { published, pendingReason: waiting } = outcome.result;
    return this.update({
      ...common,
      online: true,
      lastSuccessAt: this.now().toISOString(),
      lastError: null,
      pendingReason: waiting,
      ...(published ? { contentVersion: published } : {}),
    });
  }

  private pendingBlobCount(): number {
    const missing = new Set(this.repairs.keys());
    for (const ref of this.pending?.missing ?? []) missing.add(ref.sha256);
    return missing.size;
  }

  /** Returns the version it published (or null), and why blobs still wait if they do. */
  private async pull(serverUrl: string, device: FleetDevice, onBytes: (count: number) => void): Promise<RoundResult> {
    const { writer } = this.options;
    const answer = await fetchManifest({
      serverUrl,
      device,
      etag: this.pending?.etag ?? writer.state(ETAG_KEY),
      minVersion: Math.max(this.appliedVersion() ?? 0, this.pending?.version ?? 0),
      fetch: this.fetchImpl,
      timeoutMs: this.config.requestTimeoutMs,
      now: this.now(),
      onBytes,
    });
    if (answer.changed) this.accept(device, answer.manifest, answer.version, answer.etag);
    for (const ref of (await this.scrubber.step(this.config.scrubBytesPerRound, this.config.scrubBlobsPerRound)) ??
      []) {
      this.options.logger.warn({ blob: ref.sha256 }, 'stored blob is damaged or missing; fetching it again');
      this.repairs.set(ref.sha256, ref);
    }
    const pending = this.pending;
    this.dropArrived();
    const wanted = new Map([...this.repairs, ...(pending?.missing ?? []).map((ref) => [ref.sha256, ref] as const)]);
    let reason: string | null = null;
    if (wanted.size > 0 || !this.trimmedOnce) await this.trim();
    if (wanted.size > 0) {
      const plan = planDownloads([...wanted.values()], {
        now: this.now(),
        config: this.config,
        bytesToday: this.daily.today(this.now()),
        failures: this.fetcher.failures,
      });
      if (plan.now.length > 0) this.options.logger.debug({ blobs: plan.now.length }, 'downloading blobs');
      try {
        await this.fetcher.fetch(serverUrl, plan.now, onBytes);
      } finally {
        this.dropArrived();
      }
      const backoff = backoffMessage(plan);
      if (backoff) throw new Error(backoff);
      reason = pendingReason(plan, this.config);
      if (reason) return { published: null, pendingReason: reason };
    }
    if (!pending) return { published: null, pendingReason: null };
    const published = this.publish(device, pending);
    await this.trim();
    return { published, pendingReason: null };
  }

  /** Blobs that are now stored no longer count as missing. */
  private dropArrived(): void {
    const { blobs } = this.options;
    if (this.pending) this.pending.missing = this.pending.missing.filter((ref) => !blobs.has(ref.sha256));
    for (const sha256 of this.repairs.keys()) if (blobs.has(sha256)) this.repairs.delete(sha256);
  }

  /** A manifest the board already shows only refreshes the ETag; any other becomes the pending version. */
  private accept(device: FleetDevice, manifest: PackManifest, version: number, etag: string | null): void {
    const { writer, blobs } = this.options;
    if (writer.state(VERSION_KEY) === manifest.version) {
      writer.setState({ [appliedKey(device)]: String(version), ...(etag ? { [ETAG_KEY]: etag } : {}) });
      this.pending = null;
      return;
    }
    const missing = manifestBlobRefs(manifest).filter((ref) => !blobs.has(ref.sha256));
    this.pending = { manifest, version, etag, missing };
    this.options.logger.debug(
      { version: manifest.version, missing: missing.length },
      'new fleet manifest; downloading missing blobs',
    );
  }

  private publish(device: FleetDevice, pending: PendingVersion): string {
    const { writer, blobs, logger } = this.options;
    const { manifest, etag } = pending;
    let entries;
    try {
      entries = entriesFromBlobs(manifest.items, blobs);
    } catch (error) {
      if (error instanceof BlobIntegrityError) this.forgetDamaged(manifest);
      throw error;
    }
    logger.debug({ version: manifest.version }, 'publishing fleet content');
    writer.publish(FLEET_ORIGIN, manifest.version, entries, this.now(), {
      [VERSION_KEY]: manifest.version,
      [appliedKey(device)]: String(pending.version),
      ...(etag ? { [ETAG_KEY]: etag } : {}),
    });
    this.pending = null;
    logger.info({ version: manifest.version, items: manifest.items.length }, 'published fleet content');
    this.options.onPublished(manifest.version);
    return manifest.version;
  }

  /** Blobs damaged on disk after they were verified are deleted and listed as missing, so the next round fetches them. */
  private forgetDamaged(manifest: PackManifest): void {
    const { blobs } = this.options;
    for (const ref of manifestBlobRefs(manifest)) {
      try {
        if (blobs.has(ref.sha256)) blobs.get(ref.sha256);
      } catch (error) {
        if (!(error instanceof BlobIntegrityError)) throw error;
        blobs.remove(ref.sha256);
        this.pending?.missing.push(ref);
      }
    }
  }

  private async trim(): Promise<void> {
    const { db, blobs, logger } = this.options;
    this.trimmedOnce = true;
    const keep = new Set(this.repairs.keys());
    for (const ref of this.pending ? manifestBlobRefs(this.pending.manifest) : []) keep.add(ref.sha256);
    const report = await enforceBlobBudget(db, blobs, {
      budgetBytes: this.config.diskBudgetBytes,
      keep,
      now: this.now(),
      staleAfterMs: this.config.partialMaxAgeMs,
    });
    if (report.evicted > 0 || report.reclaimed > 0) logger.info(report, 'blob cache trimmed');
    if (report.overBudgetBytes > 0)
      logger.warn(report, 'published content alone exceeds the blob cache budget; nothing more can be evicted');
  }
}
