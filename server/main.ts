import { mkdirSync } from 'node:fs';
import type { Logger } from 'pino';
import { BlobStore } from '../content-format/blobs/fsBlobStore.js';
import type { BuiltPack } from '../content-format/pack/build.js';
import { buildFleetApp } from './api/app.js';
import { openFleetDatabase } from './db/database.js';
import { DeviceRepository } from './db/devices.js';
import { EnrollmentCodeRepository, type IssuedCode, type IssueOptions } from './db/enrollmentCodes.js';
import { ReleaseRepository } from './db/releases.js';
import { ReportRepository } from './db/reports.js';
import { enrollDevice } from './enrollment/enroll.js';
import { publishPack } from './ingest/publishPack.js';
import { loadOrCreateServerKey } from './keys/serverKey.js';

export interface FleetServerOptions {
  dataDir: string;
  port?: number;
  logger: Logger;
  /** Published before the server starts listening (the demo content). */
  initialPack?: BuiltPack;
  /** Created before the server starts listening, so a demo board can enroll at once. */
  enrollCode?: string;
}

export interface RunningFleetServer {
  url: string;
  /** The key boards pin at enrollment. */
  serverPublicKey: string;
  issueEnrollmentCode(options: Omit<IssueOptions, 'now'>): Promise<IssuedCode>;
  close(): Promise<void>;
}

/** A pre-set code lives as long as a demo fleet plausibly runs. */
const PRESET_CODE_TTL_MS = 30 * 24 * 3_600_000;

/** Everything the fleet server is made of, wired but not listening (tests drive the app with `inject`). */
export async function composeFleetServer(options: Omit<FleetServerOptions, 'port'>) {
  const db = await openFleetDatabase(options.dataDir);
  const key = loadOrCreateServerKey(options.dataDir);
  const releases = new ReleaseRepository(db, key);
  const codes = new EnrollmentCodeRepository(db);
  const devices = new DeviceRepository(db);
  const blobs = new BlobStore(options.dataDir);
  mkdirSync(blobs.root, { recursive: true });
  if (options.initialPack) await publishPack(options.initialPack, blobs, releases);
  if (options.enrollCode) await codes.issue({ code: options.enrollCode, ttlMs: PRESET_CODE_TTL_MS });
  const app = await buildFleetApp({
    releases,
    devices,
    reports: new ReportRepository(db),
    enroll: (request) => enrollDevice(db, request),
    serverPublicKey: key.publicKey,
    // Push (MQTT) is not part of the fleet yet; boards poll.
    brokerUrl: null,
    blobs,
    logger: options.logger,
  });
  return { db, key, releases, codes, devices, blobs, app };
}

export async function startFleetServer(options: FleetServerOptions): Promise<RunningFleetServer> {
  const { db, key, codes, app } = await composeFleetServer(options);
  // Loopback unless told otherwise: a fleet server reachable from the LAN is an operator's decision.
  await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('fleet server has no TCP address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    serverPublicKey: key.publicKey,
    issueEnrollmentCode: (issue) => codes.issue(issue),
    close: async () => {
      await app.close();
      await db.destroy();
    },
  };
}
