import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openFleetDatabase } from '../../server/db/database.js';
import { ReportRepository } from '../../server/db/reports.js';
import { devicesCommand } from './devices.js';

/** What a hostile board or code holder may have got into the database (an older server stored names raw). */
const hostile = {
  name: '东门\u001b]52;c;cm0gLXJmIH4K\u0007',
  hardwareId: 'hw-1\r\n00000000-0000-0000-0000-000000000000  forged board',
  lastError: 'timeout\u009b2J\u001b[31m red \u202eevil\u007f',
  lastSuccessAt: '\u001b[1A\u001b[2K2026-11-22',
};
/** Anything a terminal acts on, except the newlines that separate our own lines. */
const ACTIVE = /[\p{Cc}\p{Bidi_Control}]/u;

let dir: string;

beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'nb-devices-cmd-'));
  const db = await openFleetDatabase(dir);
  for (const [id, lastError] of [
    ['11111111-1111-4111-8111-111111111111', hostile.lastError],
    ['22222222-2222-4222-8222-222222222222', null],
  ] as const) {
    await db
      .insertInto('devices')
      .values({
        id,
        name: hostile.name,
        hardware_id: hostile.hardwareId,
        token_hash: 'b'.repeat(64),
        public_key: 'k'.repeat(43),
        enrolled_at: `2026-11-0${id[0]}T00:00:00.000Z`,
        last_seen_at: null,
      })
      .execute();
    const sentAt = '2026-11-22T08:00:00.000Z';
    await new ReportRepository(db).record(id, {
      idempotencyKey: `report-${id}`,
      state: {
        sentAt,
        appliedVersion: 1,
        uptimeSeconds: 5,
        sync: {
          online: lastError === null,
          serverUrl: null,
          contentVersion: 'v1',
          lastAttemptAt: sentAt,
          lastSuccessAt: hostile.lastSuccessAt,
          lastError,
        },
      },
    });
  }
  await db.destroy();
});

afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

async function output(argv: string[]): Promise<string> {
  let written = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    written += String(chunk);
    return true;
  });
  await devicesCommand(argv);
  vi.restoreAllMocks();
  return written;
}

describe('newsboard devices with hostile text in the fleet database', () => {
  it('prints control and bidi characters as visible escapes, three lines per board', async () => {
    const printed = await output(['--data-dir', dir]);
    const lines = printed.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.filter((line) => ACTIVE.test(line))).toEqual([]);
    expect(lines).toHaveLength(6);
    expect(lines[0]).toContain('东门\\u001b]52;c;cm0gLXJmIH4K\\u0007  hw-1\\u000d\\u000a00000000');
    expect(lines[2]).toBe('  sync: version 1, error: timeout\\u009b2J\\u001b[31m red \\u202eevil\\u007f');
    expect(lines[5]).toBe('  sync: version 1, ok, last success \\u001b[1A\\u001b[2K2026-11-22');
  });

  it('prints JSON that holds no raw control or bidi character and parses back to what was stored', async () => {
    const printed = await output(['--data-dir', dir, '--json']);
    expect(printed.split('\n').filter((line) => ACTIVE.test(line))).toEqual([]);
    const listed = JSON.parse(printed);
    expect(listed).toHaveLength(2);
    expect(listed[0]).toMatchObject({
      name: hostile.name,
      hardwareId: hostile.hardwareId,
      state: { sync: { lastError: hostile.lastError, lastSuccessAt: hostile.lastSuccessAt } },
    });
  });
});
