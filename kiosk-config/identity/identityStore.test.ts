import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateSigningKeyPem } from '../../content-format/signing/ed25519.js';
import { IdentityError, identityPath, loadIdentity, saveIdentity, type DeviceIdentity } from './identityStore.js';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'nb-identity-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const identity = (): DeviceIdentity => ({
  v: 1,
  serverUrl: 'https://fleet.example.cn',
  deviceId: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b',
  token: 'secret-token',
  serverPublicKey: 'A'.repeat(43),
  deviceKeyPem: generateSigningKeyPem(),
  enrolledAt: '2026-11-22T08:00:00.000Z',
});

describe('device identity store', () => {
  it('is absent before enrollment and reads back what was saved', () => {
    expect(loadIdentity(dir)).toBeNull();
    const saved = identity();
    saveIdentity(dir, saved);
    expect(loadIdentity(dir)).toEqual(saved);
  });

  it('keeps the token and device key readable by the kiosk user only, and leaves no temp file', () => {
    saveIdentity(dir, identity());
    saveIdentity(dir, { ...identity(), token: 'rotated' });
    expect(statSync(identityPath(dir)).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['device-identity.json']);
    expect(loadIdentity(dir)?.token).toBe('rotated');
  });

  it('names a damaged or foreign file instead of treating the board as never enrolled', () => {
    writeFileSync(identityPath(dir), '{"v":1,"serverUrl":');
    expect(() => loadIdentity(dir)).toThrow(IdentityError);
    expect(() => loadIdentity(dir)).toThrow(/unreadable.*re-enroll/);
    writeFileSync(identityPath(dir), JSON.stringify({ ...identity(), serverUrl: 'ftp://x' }));
    expect(() => loadIdentity(dir)).toThrow(/not a device identity[\s\S]*serverUrl/);
  });
});
