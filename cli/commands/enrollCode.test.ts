import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { enrollBoard } from '../../kiosk-config/enrollment/enroll.js';
import { startFleetServer, type RunningFleetServer } from '../../server/main.js';
import { CliError } from '../args.js';
import { devicesCommand } from './devices.js';
import { enrollCodeCommand } from './enrollCode.js';

const logger = pino({ level: 'silent' });
let dir: string;
let fleet: RunningFleetServer;

beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'nb-enroll-code-'));
  fleet = await startFleetServer({ dataDir: dir, logger });
});

afterEach(async () => {
  vi.restoreAllMocks();
  await fleet.close();
  rmSync(dir, { recursive: true, force: true });
});

async function output(run: () => Promise<void>): Promise<string> {
  let written = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    written += String(chunk);
    return true;
  });
  await run();
  vi.restoreAllMocks();
  return written;
}

describe('newsboard enroll-code and devices, beside a running fleet server', () => {
  it('makes a code the running server accepts, and lists the board that used it', async () => {
    const printed = await output(() => enrollCodeCommand(['--data-dir', dir, '--ttl', '2h', '--name', '北门']));
    const code = /^enroll-code: ([A-Z0-9-]{19})$/m.exec(printed)?.[1];
    const expires = Date.parse(/^expires: (.+)$/m.exec(printed)?.[1] ?? '');
    expect(expires - Date.now()).toBeGreaterThan(7_100_000);
    expect(expires - Date.now()).toBeLessThanOrEqual(7_200_000);

    const boardDir = path.join(dir, 'board');
    mkdirSync(boardDir);
    const identity = await enrollBoard({ dataDir: boardDir, serverUrl: fleet.url, code: code!, logger });

    const listed = await output(() => devicesCommand(['--data-dir', dir]));
    expect(listed).toContain(`${identity.deviceId}  北门`);
    expect(listed).toContain('sync: no report yet');
    const json = JSON.parse(await output(() => devicesCommand(['--data-dir', dir, '--json'])));
    expect(json).toMatchObject([{ id: identity.deviceId, name: '北门', state: null }]);
  });

  it('refuses a bad --ttl and a directory that holds no fleet, creating nothing', async () => {
    await expect(enrollCodeCommand(['--data-dir', dir, '--ttl', 'forever'])).rejects.toThrow(
      /--ttl must be a duration/,
    );
    const elsewhere = path.join(dir, 'not-a-fleet');
    await expect(enrollCodeCommand(['--data-dir', elsewhere])).rejects.toThrow(CliError);
    await expect(devicesCommand(['--data-dir', elsewhere])).rejects.toThrow(/holds no fleet database/);
    expect(existsSync(elsewhere)).toBe(false);
  });
});
