import { mkdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enrollmentProofOf } from '../../common/fleetApi.js';
import { buildPack } from '../../content-format/pack/build.js';
import { generateSigningKeyPem, signingKeyFromPem, signValue } from '../../content-format/signing/ed25519.js';
import { EnrollmentError, enrollBoard } from '../../kiosk-config/enrollment/enroll.js';
import { identityPath, loadIdentity } from '../../kiosk-config/identity/identityStore.js';
import { openFleetDatabase } from '../../server/db/database.js';
import { DeviceRepository } from '../../server/db/devices.js';
import { startFleetServer, type RunningFleetServer } from '../../server/main.js';
import { article, silentLogger, SyncHarness } from './support/syncHarness.js';

let h: SyncHarness;
let fleet: RunningFleetServer;
let fleetDir: string;

beforeEach(async () => {
  h = new SyncHarness();
  fleetDir = path.join(h.dir, 'fleet');
  mkdirSync(fleetDir);
  mkdirSync(path.join(h.dir, 'gone'));
  fleet = await startFleetServer({
    dataDir: fleetDir,
    logger: silentLogger,
    initialPack: buildPack([article('s1', '通知', '2024-05-01', ['内容'])], 'v1'),
    enrollCode: 'DEMA-BRDA-BCDE-FGHJ',
  });
  h.track(fleet);
});

afterEach(() => h.close());

async function refusal(code: string, serverUrl = fleet.url): Promise<EnrollmentError> {
  const error = await enrollBoard({ dataDir: h.kioskDir, serverUrl, code, logger: silentLogger }).catch((e) => e);
  expect(error).toBeInstanceOf(EnrollmentError);
  return error as EnrollmentError;
}

describe('enrolling a board', () => {
  it('stores the identity privately, pins the server key, and appears in the fleet under its name', async () => {
    const identity = await enrollBoard({
      dataDir: h.kioskDir,
      serverUrl: fleet.url,
      code: 'dema-brda-bcde-fghj',
      name: '西门阅报栏',
      logger: silentLogger,
    });
    expect(identity.serverPublicKey).toBe(fleet.serverPublicKey);
    expect(loadIdentity(h.kioskDir)).toEqual(identity);
    expect(statSync(identityPath(h.kioskDir)).mode & 0o777).toBe(0o600);
    const db = await openFleetDatabase(fleetDir);
    const devices = await new DeviceRepository(db).list();
    await db.destroy();
    expect(devices).toMatchObject([{ id: identity.deviceId, name: '西门阅报栏' }]);
  });

  it('refuses a used, a wrong or a malformed code with the reason, and stores nothing', async () => {
    const used = { dataDir: h.dir, serverUrl: fleet.url, code: 'DEMA-BRDA-BCDE-FGHJ', logger: silentLogger };
    await enrollBoard(used);
    for (const [code, reason] of [
      ['DEMA-BRDA-BCDE-FGHJ', 'enrollment refused: the enrollment code has already been used'],
      ['DEMA-BRDA-BCDE-FGHK', 'enrollment refused: the enrollment code is not valid'],
      ['hello', 'enrollment refused: an enrollment code looks like ABCD-EFGH-JKMN-PQRS'],
    ] as const) {
      const error = await refusal(code);
      expect(error.kind).toBe('refused');
      expect(error.message).toBe(reason);
    }
    expect(loadIdentity(h.kioskDir)).toBeNull();
  });

  it('gets its device back when the answer to its enrollment was lost, and no one else can', async () => {
    let loseAnswer = true;
    const link = await h.serve(
      createServer((request, response) => {
        const chunks: Buffer[] = [];
        request.on('data', (chunk: Buffer) => chunks.push(chunk));
        request.on('end', async () => {
          const answer = await fetch(`${fleet.url}${request.url}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: Buffer.concat(chunks),
          });
          // The fleet enrolled the board, but the answer dies on the way back.
          if (loseAnswer) return void response.socket?.destroy();
          response.writeHead(answer.status, { 'content-type': 'application/json' }).end(await answer.text());
        });
      }),
    );
    const attempt = () =>
      enrollBoard({ dataDir: h.kioskDir, serverUrl: link, code: 'DEMA-BRDA-BCDE-FGHJ', logger: silentLogger });
    expect((await attempt().catch((e: unknown) => e)) as EnrollmentError).toMatchObject({ kind: 'unreachable' });
    expect(loadIdentity(h.kioskDir)).toBeNull();

    loseAnswer = false;
    const identity = await attempt();
    const db = await openFleetDatabase(fleetDir);
    const devices = await new DeviceRepository(db).list();
    await db.destroy();
    expect(devices.map((device) => device.id)).toEqual([identity.deviceId]);
    const manifest = await fetch(`${fleet.url}/api/v1/devices/${identity.deviceId}/manifest`, {
      headers: { authorization: `Bearer ${identity.token}` },
    });
    expect(manifest.status).toBe(200);

    // Another board with the same code, and so another key, is still refused.
    const other = await enrollBoard({
      dataDir: h.dir,
      serverUrl: fleet.url,
      code: 'DEMA-BRDA-BCDE-FGHJ',
      logger: silentLogger,
    }).catch((e: unknown) => e);
    expect((other as EnrollmentError).message).toBe('enrollment refused: the enrollment code has already been used');

    // Someone who saw the board's request knows its public key, but cannot sign with it.
    const publicKey = signingKeyFromPem(identity.deviceKeyPem).publicKey;
    const steal = (extra: object) =>
      fetch(`${fleet.url}/api/v1/enroll`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: 'DEMA-BRDA-BCDE-FGHJ', hardwareId: 'attacker-laptop', publicKey, ...extra }),
      });
    expect((await steal({})).status).toBe(403);
    const forged = signValue(
      enrollmentProofOf({ code: 'DEMA-BRDA-BCDE-FGHJ', publicKey }),
      signingKeyFromPem(generateSigningKeyPem()),
    );
    expect((await steal({ proof: forged })).status).toBe(403);
    const still = await fetch(`${fleet.url}/api/v1/devices/${identity.deviceId}/manifest`, {
      headers: { authorization: `Bearer ${identity.token}` },
    });
    expect(still.status).toBe(200);
  });

  it('tells an unreachable server from a refusal, so the board can retry later', async () => {
    const closed = await startFleetServer({ dataDir: path.join(h.dir, 'gone'), logger: silentLogger });
    await closed.close();
    const error = await refusal('DEMA-BRDA-BCDE-FGHJ', closed.url);
    expect(error.kind).toBe('unreachable');
    expect(error.message).toMatch(/unreachable: ECONNREFUSED/);
    expect(loadIdentity(h.kioskDir)).toBeNull();
  });
});
