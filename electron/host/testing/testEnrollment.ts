import { generateSigningKeyPem, signingKeyFromPem } from '../../../content-format/signing/ed25519.js';
import { saveIdentity } from '../../../kiosk-config/identity/identityStore.js';

/** Leaves the identity an enrollment with `serverUrl` would, with token `board-token` and a server key nobody holds. */
export function saveTestEnrollment(dataDir: string, serverUrl: string): void {
  saveIdentity(dataDir, {
    v: 1,
    serverUrl,
    deviceId: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b',
    token: 'board-token',
    serverPublicKey: signingKeyFromPem(generateSigningKeyPem()).publicKey,
    deviceKeyPem: generateSigningKeyPem(),
    enrolledAt: '2026-11-22T00:00:00.000Z',
  });
}
