import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  symlinkSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from './atomicFile.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'nb-atomic-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('writeFileAtomic', () => {
  it('replaces a file whole, readable by its owner only, and leaves no temporary file', () => {
    const file = path.join(dir, 'identity.json');
    writeFileSync(file, 'old');
    writeFileAtomic(file, '{"deviceId":"d1"}');
    expect(readFileSync(file, 'utf8')).toBe('{"deviceId":"d1"}');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['identity.json']);
  });

  it('never writes the secret into a leftover temporary file with a looser mode, or through a planted link', () => {
    const file = path.join(dir, 'identity.json');
    const temp = `${file}.tmp-${process.pid}`;
    writeFileSync(temp, 'stale', { mode: 0o644 });
    writeFileAtomic(file, 'secret');
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const elsewhere = path.join(dir, 'elsewhere.txt');
    writeFileSync(elsewhere, 'untouched', { mode: 0o644 });
    symlinkSync(elsewhere, temp);
    writeFileAtomic(file, 'secret 2');
    expect(readFileSync(elsewhere, 'utf8')).toBe('untouched');
    expect(readFileSync(file, 'utf8')).toBe('secret 2');
    expect(lstatSync(file).isSymbolicLink()).toBe(false);
  });

  it('leaves what was there and no temporary file when the rename fails', () => {
    const occupied = path.join(dir, 'identity.json');
    mkdirSync(occupied);
    writeFileSync(path.join(occupied, 'inside'), 'kept');
    expect(() => writeFileAtomic(occupied, 'new')).toThrow(/EISDIR|ENOTEMPTY|EEXIST/);
    expect(readdirSync(dir)).toEqual(['identity.json']);
    expect(readFileSync(path.join(occupied, 'inside'), 'utf8')).toBe('kept');
  });
});
