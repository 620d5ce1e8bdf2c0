import { chmodSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../../content-format/atomicFile.js';
import { generateSigningKeyPem, signingKeyFromPem, type SigningKey } from '../../content-format/signing/ed25519.js';

export const SERVER_KEY_FILE = path.join('keys', 'server-ed25519.pem');

/**
 * The fleet's signing key, created on first start. Boards pin its public half, so losing it means
 * re-enrolling every board: it is written durably and readable by the server's user only.
 */
export function loadOrCreateServerKey(dataDir: string): SigningKey {
  const file = path.join(dataDir, SERVER_KEY_FILE);
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    writeFileAtomic(file, generateSigningKeyPem(), 0o600);
  }
  chmodSync(file, 0o600);
  return signingKeyFromPem(readFileSync(file, 'utf8'));
}
