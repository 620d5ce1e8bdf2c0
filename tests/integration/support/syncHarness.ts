import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import type { SyncStatus } from '../../../common/bridge/contract.js';
import type { Article } from '../../../common/content.js';
import { ContentReader } from '../../../content-cache/contentReader.js';
import { ContentWriter } from '../../../content-cache/contentWriter.js';
import { openReader, openWriter } from '../../../content-cache/db/open.js';
import type { SyncConfigInput } from '../../../content-cache/sync/config.js';
import type { FleetDevice } from '../../../content-cache/sync/fleetDevice.js';
import { FleetSync } from '../../../content-cache/sync/fleetSync.js';
import { BlobStore } from '../../../content-format/blobs/fsBlobStore.js';
import type { BuiltPack } from '../../../content-format/pack/build.js';
import { enrollBoard } from '../../../kiosk-config/enrollment/enroll.js';
import { startFleetServer, type RunningFleetServer } from '../../../server/main.js';

export const silentLogger = pino({ level: 'silent' });

export function article(id: string, title: string, publishedAt: string, paragraphs: string[]): Article {
  return {
    id,
    kind: 'article',
    title,
    source: '人民日报',
    section: '要闻',
    language: 'zh-CN',
    publishedAt,
    summary: (paragraphs[0] ?? '').slice(0, 80),
    paragraphs,
  };
}

export interface Call {
  url: string;
  status: number;
  headers: Headers;
  bodyBytes: number;
  startedAt: number;
}

/** Sync settings for tests: no waiting between attempts, no random delay. */
export const FAST: SyncConfigInput = {
  retryBaseMs: 1,
  retryMaxMs: 5,
  maxRandomDelayMs: 0,
  failedBlobBackoffMs: 60_000,
};

/** Where a FleetSync syncs from: a server's address and this board's enrollment with it. */
export interface SyncTarget {
  url: string;
  device: FleetDevice;
}

export type HarnessFleet = RunningFleetServer & SyncTarget & { dataDir: string };

/**
 * A kiosk data dir with its writer and reader connections, real fleet servers on loopback, and a
 * fetch that records every request (with the body bytes each response carried).
 */
export class SyncHarness {
  readonly dir = mkdtempSync(path.join(os.tmpdir(), 'nb-sync-'));
  readonly kioskDir: string;
  readonly writerDb: ReturnType<typeof openWriter>;
  readonly readerDb: ReturnType<typeof openReader>;
  readonly writer: ContentWriter;
  readonly reader: ContentReader;
  readonly blobs: BlobStore;
  readonly calls: Call[] = [];
  readonly published: string[] = [];
  readonly statuses: SyncStatus[] = [];
  private readonly servers: { close(): Promise<void> }[] = [];
  /** One enrollment per fleet data dir, kept across restarts of that fleet. */
  private readonly devices = new Map<string, FleetDevice>();

  constructor(kioskDir?: string) {
    this.kioskDir = kioskDir ?? path.join(this.dir, 'kiosk');
    mkdirSync(this.kioskDir, { recursive: true });
    this.writerDb = openWriter(this.kioskDir);
    this.readerDb = openReader(this.kioskDir);
    this.writer = new ContentWriter(this.writerDb);
    this.reader = new ContentReader(this.readerDb);
    this.blobs = new BlobStore(this.kioskDir);
  }

  readonly fetch: typeof fetch = async (input, init) => {
    const startedAt = performance.now();
    const response = await fetch(input, init);
    const call: Call = {
      url: String(input),
      status: response.status,
      headers: new Headers(init?.headers),
      bodyBytes: 0,
      startedAt,
    };
    this.calls.push(call);
    if (response.body)
      void response
        .clone()
        .arrayBuffer()
        .then(
          (b) => (call.bodyBytes = b.byteLength),
          () => {},
        );
    return response;
  };

  makeSync(target: SyncTarget, config: SyncConfigInput = {}, now?: () => Date): FleetSync {
    return new FleetSync(
      {
        serverUrl: target.url,
        device: target.device,
        writer: this.writer,
        db: this.writerDb,
        blobs: this.blobs,
        logger: silentLogger,
        config: { ...FAST, ...config },
        fetch: this.fetch,
        onPublished: (v) => this.published.push(v),
        onStatus: (s) => this.statuses.push(s),
        ...(now ? { now } : {}),
      },
      this.reader.contentVersion(),
    );
  }

  /** Starts (or restarts) the fleet server of `name` and enrolls this board with it the first time, as an operator would. */
  async fleet(name: string, initialPack: BuiltPack): Promise<HarnessFleet> {
    const dataDir = path.join(this.dir, name);
    mkdirSync(dataDir, { recursive: true });
    const server = await startFleetServer({ dataDir, logger: silentLogger, initialPack });
    this.servers.push(server);
    let device = this.devices.get(name);
    if (!device) {
      const { code } = await server.issueEnrollmentCode({ ttlMs: 60_000 });
      const identity = await enrollBoard({ dataDir: this.kioskDir, serverUrl: server.url, code, logger: silentLogger });
      device = { deviceId: identity.deviceId, token: identity.token, trustedKeys: [identity.serverPublicKey] };
      this.devices.set(name, device);
    }
    return { ...server, dataDir, device };
  }

  track(server: { close(): Promise<void> }): void {
    this.servers.push(server);
  }

  /** Listens on a free loopback port, closes with the harness, and answers the server's URL. */
  async serve(server: Server): Promise<string> {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.track({
      close: () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    });
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  blobCalls(): Call[] {
    return this.calls.filter((call) => call.url.includes('/blobs/'));
  }

  listedIds(): string[] {
    return this.reader.list().map((item) => item.id);
  }

  async close(): Promise<void> {
    for (const server of this.servers.reverse()) await server.close().catch(() => {});
    this.readerDb.close();
    this.writerDb.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
