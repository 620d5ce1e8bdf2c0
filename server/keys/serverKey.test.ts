import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SERVER_KEY_FILE, loadOrCreateServerKey } from './serverKey.js';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('loadOrCreateServerKey', () => {
  it('creates the key once, private to its owner, and returns the same key on every later start', () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'nb-key-'));
    const first = loadOrCreateServerKey(dir);
    const pem = readFileSync(path.join(dir, SERVER_KEY_FILE), 'utf8');
    expect(statSync(path.join(dir, SERVER_KEY_FILE)).mode & 0o777).toBe(0o600);
    const second = loadOrCreateServerKey(dir);
    expect(second.publicKey).toBe(first.publicKey);
    expect(second.keyId).toBe(first.keyId);
    expect(readFileSync(path.join(dir, SERVER_KEY_FILE), 'utf8')).toBe(pem);
  });
});
