import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import type { EnrollResponse } from '../../../common/fleetApi.js';
import { composeFleetServer } from '../../main.js';

/** A raw Ed25519 public key as a board sends it at enrollment. */
export function boardPublicKey(): string {
  const jwk = generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' });
  return jwk.x as string;
}

/** The fleet server as `startFleetServer` composes it, over a temp dir, driven with `inject` instead of a socket. */
export async function fleetAppFixture() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nb-fleet-app-'));
  const { db, key, releases, codes, devices, blobs, app } = await composeFleetServer({
    dataDir: dir,
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
