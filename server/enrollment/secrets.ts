import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { ENROLLMENT_CODE_ALPHABET } from '../../common/fleetApi.js';

/** Codes and tokens are stored only as this digest. */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Compares a presented secret with a stored digest in time independent of where they differ. */
export function secretMatches(presented: string, storedHash: string): boolean {
  const presentedHash = Buffer.from(secretHash(presented), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return stored.length === presentedHash.length && timingSafeEqual(presentedHash, stored);
}

export function newEnrollmentCode(): string {
  const groups = Array.from({ length: 4 }, () =>
    Array.from({ length: 4 }, () => ENROLLMENT_CODE_ALPHABET[randomInt(ENROLLMENT_CODE_ALPHABET.length)]).join(''),
  );
  return groups.join('-');
}

/** The public part of a code: its first group, which finds the row. */
export function codeLookup(code: string): string {
  return code.slice(0, 4);
}

export function newDeviceToken(): string {
  return randomBytes(32).toString('base64url');
}
