import type { Logger } from 'pino';
import { z } from 'zod';
import type { SyncStatus } from '../../common/bridge/contract.js';
import { packManifestSchema, type PackManifest } from '../../common/pack.js';
import type { BlobStore } from '../../content-format/blobs/fsBlobStore.js';
import { FLEET_ORIGIN, type ContentWriter } from '../contentWriter.js';
import { entriesFromBlobs, mapBounded } from './publishEntries.js';

export const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;
const REQUEST_TIMEOUT_MS = 15_000;
const BLOB_CONCURRENCY = 4;
const ETAG_KEY = 'fleet.manifest.etag';
const VERSION_KEY = 'fleet.manifest.version';

export interface FleetSyncOptions {
  serverUrl: string | null;
  writer: ContentWriter;
  blobs: BlobStore;
  logger: Logger;
  /** Called after a new version has been committed. */
  onPublished: (version: string) => void;
  onStatus: (status: SyncStatus) => void;
  fetch?: typeof fetch;
  now?: () => Date;
}

async function readLimited(response: Response, limit: number): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > limit) throw new Error(`manifest of ${declared} bytes is over the ${limit}-byte limit`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.byteLength > limit)
    throw new Error(`manifest of ${bytes.byteLength} bytes is over the ${limit}-byte limit`);
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

/** fetch() reports every network failure as "fetch failed"; the operator needs the cause (refused, DNS, reset). */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { message?: unknown; code?: unknown } | undefined;
  const detail =
    (typeof cause?.message === 'string' && cause.message) || (typeof cause?.code === 'string' && cause.code) || '';
  return detail && !error.message.includes(detail) ? `${error.message}: ${detail}` : error.message;
}

/**
 * Pulls the fleet's content manifest and its blobs, and publishes a version only once every blob
 * is stored and verified. Nothing here needs the network for the kiosk to show what it has.
 */
export class FleetSync {
  private current: SyncStatus;
  private running: Promise<SyncStatus> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly fetchImpl: typeof fetch;
  private readonly now: () => Date;

  constructor(
    private readonly options: FleetSyncOptions,
    contentVersion: string | null,
  ) {
    this.fetchImpl = options.fetch ?? fetch;
    this.now = options.now ?? (() => new Date());
    this.current = {
      online: false,
      serverUrl: options.serverUrl,
      contentVersion,
      lastAttemptAt: null,
      lastSuccessAt: null,
      lastError: options.serverUrl ? null : 'standalone: no fleet server configured',
    };
  }

  status(): SyncStatus {
    return this.current;
  }

  /** Single flight: a "sync now" during a running sync waits for that sync instead of starting another. */
  syncOnce(): Promise<SyncStatus> {
    this.running ??= this.round().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  start(intervalMs: number): void {
    if (!this.options.serverUrl || this.timer) return;
    void this.syncOnce();
    this.timer = setInterval(() => void this.syncOnce(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private update(patch: Partial<SyncStatus>): SyncStatus {
    this.current = { ...this.current, ...patch };
    this.options.onStatus(this.current);
    return this.current;
  }

  private async round(): Promise<SyncStatus> {
    const { serverUrl, logger } = this.options;
    if (!serverUrl) return this.current;
    const attemptAt = this.now().toISOString();
    try {
      const published = await this.pull(serverUrl);
      return this.update({
        online: true,
        lastAttemptAt: attemptAt,
        lastSuccessAt: this.now().toISOString(),
        lastError: null,
        ...(published ? { contentVersion: published } : {}),
      });
    } catch (error) {
      const message = describeError(error);
      logger.warn({ err: message, serverUrl }, 'sync failed; showing cached content');
      return this.update({ online: false, lastAttemptAt: attemptAt, lastError: message });
    }
  }

  /** Returns the version it published, or null when nothing changed. */
  private async pull(serverUrl: string): Promise<string | null> {
    const { writer } = this.options;
    const etag = writer.state(ETAG_KEY);
    const response = await this.fetchImpl(new URL('/api/v1/manifest', serverUrl), {
      headers: etag ? { 'if-none-match': etag } : {},
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    if (response.status === 304) return null;
    if (!response.ok) throw new Error(`fleet server answered ${response.status} for the manifest`);
    const parsed = packManifestSchema.safeParse(JSON.parse(await readLimited(response, MAX_MANIFEST_BYTES)));
    if (!parsed.success) throw new Error(`fleet manifest is malformed: ${z.prettifyError(parsed.error)}`);
    const manifest = parsed.data;
    const newEtag = response.headers.get('etag');
    if (writer.state(VERSION_KEY) === manifest.version) {
      if (newEtag) writer.setStateValue(ETAG_KEY, newEtag);
      return null;
    }
    await this.fetchMissingBlobs(serverUrl, manifest);
    writer.publish(FLEET_ORIGIN, manifest.version, entriesFromBlobs(manifest.items, this.options.blobs), this.now());
    writer.setStateValue(VERSION_KEY, manifest.version);
    if (newEtag) writer.setStateValue(ETAG_KEY, newEtag);
    this.options.logger.info({ version: manifest.version, items: manifest.items.length }, 'published fleet content');
    this.options.onPublished(manifest.version);
    return manifest.version;
  }

  private async fetchMissingBlobs(serverUrl: string, manifest: PackManifest): Promise<void> {
    const { blobs } = this.options;
    const missing = [...new Map(manifest.items.map((item) => [item.body.sha256, item.body])).values()].filter(
      (ref) => !blobs.has(ref.sha256),
    );
    await mapBounded(missing, BLOB_CONCURRENCY, async (ref) => {
      const response = await this.fetchImpl(new URL(`/blobs/sha256/${ref.sha256}`, serverUrl), {
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      if (!response.ok) throw new Error(`fleet server answered ${response.status} for blob ${ref.sha256}`);
      const bytes = new Uint8Array(await response.arrayBuffer());
      if (bytes.byteLength !== ref.size) {
        throw new Error(`blob ${ref.sha256} arrived with ${bytes.byteLength} bytes, expected ${ref.size}`);
      }
      blobs.put(ref.sha256, bytes);
    });
  }
}
