import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { pino } from 'pino';
import type { EnrollResponse } from '../../../common/fleetApi.js';
import { BlobStore } from '../../../content-format/blobs/fsBlobStore.js';
import { openFleetDatabase } from '../../db/database.js';
import { DeviceRepository } from '../../db/devices.js';
import { EnrollmentCodeRepository } from '../../db/enrollmentCodes.js';
import { ReleaseRepository } from '../../db/releases.js';
import { ReportRepository } from '../../db/reports.js';
import type { FleetDatabase } from '../../db/schema.js';
import { enrollDevice } from '../../enrollment/enroll.js';
import { loadOrCreateServerKey } from '../../keys/serverKey.js';
import { buildFleetApp } from '../app.js';

/** A raw Ed25519 public key as a board sends it at enrollment. */
export function boardPublicKey(): string {
  const jwk = generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' });
  return jwk.x as string;
}

/** The fleet app over a real database file and blob dir in a temp dir, driven with `inject`. */
export async function fleetAppFixture() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nb-fleet-app-'));
  const db: Kysely<FleetDatabase> = await openFleetDatabase(dir);
  const key = loadOrCreateServerKey(dir);
  const releases = new ReleaseRepository(db, key);
  const codes = new EnrollmentCodeRepository(db);
  const devices = new DeviceRepository(db);
  const blobs = new BlobStore(dir);
  mkdirSync(blobs.root, { recursive: true });
  const app = await buildFleetApp({
    releases,
    devices,
    reports: new ReportRepository(db),
    enroll: (request) => enrollDevice(db, request),
    serverPublicKey: key.publicKey,
    brokerUrl: null,
    blobs,
    logger: pino({ level: 'silent' }),
  });

  async function enroll(name?: string): Promise<EnrollResponse> {
    const { code } = await codes.issue({ ttlMs: 60_000 });
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/enroll',
      payload: { code, hardwareId: `hw-${code}`, publicKey: boardPublicKey(), ...(name ? { name } : {}) },
    });
    if (response.statusCode !== 201) throw new Error(`enroll answered ${response.statusCode}: ${response.body}`);
    return response.json();
  }

  return {
    dir,
    db,
    key,
    releases,
    codes,
    devices,
    blobs,
    app,
    enroll,
    close: async () => {
      await app.close();
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
export type FleetAppFixture = Awaited<ReturnType<typeof fleetAppFixture>>;
