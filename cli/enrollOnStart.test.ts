import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { identityPath, loadIdentity } from '../kiosk-config/identity/identityStore.js';
import { startFleetServer, type RunningFleetServer } from '../server/main.js';
import { enrollOnStart } from './enrollOnStart.js';

const logger = pino({ level: 'silent' });
let dir: string;
let kioskDir: string;
let fleet: RunningFleetServer;
let stderr: string;

beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'nb-enroll-start-'));
  kioskDir = path.join(dir, 'kiosk');
  mkdirSync(kioskDir);
  mkdirSync(path.join(dir, 'fleet'));
  fleet = await startFleetServer({ dataDir: path.join(dir, 'fleet'), logger, enrollCode: 'DEMA-BRDA-BCDE-FGHJ' });
  stderr = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
});

afterEach(async () => {
  vi.restoreAllMocks();
  await fleet.close();
  rmSync(dir, { recursive: true, force: true });
});

const start = (code: string) =>
  enrollOnStart({ command: 'kiosk', dataDir: kioskDir, serverUrl: fleet.url, code, logger });

describe('enrollOnStart', () => {
  it('enrolls a new board, and later starts with the same code leave it as it is', async () => {
    await start('DEMA-BRDA-BCDE-FGHJ');
    const identity = loadIdentity(kioskDir);
    expect(identity?.serverUrl).toBe(fleet.url);
    await start('DEMA-BRDA-BCDE-FGHJ');
    expect(loadIdentity(kioskDir)).toEqual(identity);
  });

  it('lets a board with a refused code start from its cache, saying why, instead of exiting into a restart loop', async () => {
    await expect(start('DEMA-BRDA-BCDE-FGHK')).resolves.toBeUndefined();
    expect(loadIdentity(kioskDir)).toBeNull();
    expect(stderr).toBe(
      'kiosk: not enrolled (enrollment refused: the enrollment code is not valid); starting from cache, give a new code\n',
    );
  });

  it('lets a board whose own disk fails during enrollment start from its cache, retrying at the next start', async () => {
    // Where the enrollment key should be kept, a folder: the disk refuses the write.
    mkdirSync(path.join(kioskDir, 'enrollment-key.pem'));
    await expect(start('DEMA-BRDA-BCDE-FGHJ')).resolves.toBeUndefined();
    expect(loadIdentity(kioskDir)).toBeNull();
    expect(stderr).toMatch(
      /^kiosk: not enrolled \(cannot keep the enrollment key: .*\); starting from cache, retrying at the next start\n$/,
    );
  });

  it('never enrolls over a damaged identity: it says so and starts from cache', async () => {
    writeFileSync(identityPath(kioskDir), '{"v":1');
    await expect(start('DEMA-BRDA-BCDE-FGHJ')).resolves.toBeUndefined();
    expect(stderr).toMatch(/^kiosk: not enrolled \(.*device-identity\.json is unreadable.*\); starting from cache\n$/);
  });
});
