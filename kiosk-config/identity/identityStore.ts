import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { deviceIdSchema, ed25519PublicKeySchema } from '../../common/fleetApi.js';
import { writeFileAtomic } from '../../content-format/atomicFile.js';

const IDENTITY_FILE = 'device-identity.json';

/** What enrollment leaves on the board: who it is, where its fleet is, and the server key it pinned. */
const deviceIdentitySchema = z.object({
  v: z.literal(1),
  serverUrl: z.url({ protocol: /^https?$/ }),
  deviceId: deviceIdSchema,
  token: z.string().min(1),
  serverPublicKey: ed25519PublicKeySchema,
  /** The board's own Ed25519 key (PKCS#8 PEM); its public half was registered at enrollment. */
  deviceKeyPem: z.string().startsWith('-----BEGIN PRIVATE KEY-----'),
  enrolledAt: z.iso.datetime({ offset: true }),
});
export type DeviceIdentity = z.infer<typeof deviceIdentitySchema>;

export class IdentityError extends Error {
  override name = 'IdentityError';
}

export function identityPath(dataDir: string): string {
  return path.join(dataDir, IDENTITY_FILE);
}

/** The stored identity, or null before enrollment; a damaged file is an IdentityError, never silently replaced. */
export function loadIdentity(dataDir: string): DeviceIdentity | null {
  const file = identityPath(dataDir);
  if (!existsSync(file)) return null;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new IdentityError(`${file} is unreadable (${(error as Error).message}); re-enroll this board`);
  }
  const parsed = deviceIdentitySchema.safeParse(json);
  if (!parsed.success)
    throw new IdentityError(
      `${file} is not a device identity (${z.prettifyError(parsed.error)}); re-enroll this board`,
    );
  return parsed.data;
}

/** The token and the device key are secrets: the file is readable by the kiosk's user only. */
export function saveIdentity(dataDir: string, identity: DeviceIdentity): void {
  writeFileAtomic(identityPath(dataDir), `${JSON.stringify(deviceIdentitySchema.parse(identity), null, 2)}\n`, 0o600);
}
