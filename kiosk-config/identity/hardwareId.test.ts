import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hardwareId } from './hardwareId.js';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'nb-hwid-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('hardwareId', () => {
  it('uses the OS machine id when it is readable', () => {
    const machineId = path.join(dir, 'machine-id');
    writeFileSync(machineId, '3d1219c7c4c5404aaa1f6d2a48adfda4\n');
    expect(hardwareId(dir, machineId)).toBe('machine-id:3d1219c7c4c5404aaa1f6d2a48adfda4');
  });

  it('falls back to a random id that stays the same across restarts', () => {
    const missing = path.join(dir, 'no-machine-id');
    const first = hardwareId(dir, missing);
    expect(first).toMatch(/^random:[0-9a-f-]{36}$/);
    expect(hardwareId(dir, missing)).toBe(first);
    writeFileSync(missing, 'not a machine id');
    expect(hardwareId(dir, missing)).toBe(first);
  });
});
