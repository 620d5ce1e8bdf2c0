import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { z } from 'zod';
import {
  enrollResponseSchema,
  enrollmentCodeSchema,
  enrollmentProofOf,
  fleetErrorSchema,
  type EnrollRequest,
} from '../../common/fleetApi.js';
import { writeFileAtomic } from '../../content-format/atomicFile.js';
import { generateSigningKeyPem, signingKeyFromPem, signValue } from '../../content-format/signing/ed25519.js';
import { hardwareId } from '../identity/hardwareId.js';
import { saveIdentity, type DeviceIdentity } from '../identity/identityStore.js';

/**
 * `refused`: the server said no (fix the code); `unreachable`: try again later; `bad-answer`: not
 * our fleet server; `storage`: the board's own disk failed (full, read-only), try again later.
 */
export class EnrollmentError extends Error {
  override name = 'EnrollmentError';
  constructor(
    message: string,
    readonly kind: 'refused' | 'unreachable' | 'bad-answer' | 'storage',
  ) {
    super(message);
  }
}

export interface EnrollOptions {
  dataDir: string;
  serverUrl: string;
  code: string;
  name?: string;
  logger: Logger;
  fetch?: typeof fetch;
  now?: Date;
  machineIdFile?: string;
  timeoutMs?: number;
}

function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  const detail = typeof cause?.code === 'string' ? cause.code : typeof cause?.message === 'string' ? cause.message : '';
  return detail || (error instanceof Error ? error.message : String(error));
}

async function postEnroll(options: EnrollOptions, request: EnrollRequest) {
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(new URL('/api/v1/enroll', options.serverUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
      signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
    });
  } catch (error) {
    throw new EnrollmentError(`fleet server ${options.serverUrl} is unreachable: ${causeOf(error)}`, 'unreachable');
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.status === 201) {
    const parsed = enrollResponseSchema.safeParse(body);
    if (parsed.success) return parsed.data;
    throw new EnrollmentError(
      `fleet server sent a malformed enrollment: ${z.prettifyError(parsed.error)}`,
      'bad-answer',
    );
  }
  const message = fleetErrorSchema.safeParse(body).data?.error.message ?? `HTTP ${response.status}`;
  if (response.status === 403 || response.status === 400)
    throw new EnrollmentError(`enrollment refused: ${message}`, 'refused');
  throw new EnrollmentError(`enrollment failed: the server answered ${response.status} (${message})`, 'unreachable');
}

/** Runs a step on the board's own disk; a failure there is an EnrollmentError like any other. */
function onDisk<T>(what: string, step: () => T): T {
  try {
    return step();
  } catch (error) {
    throw new EnrollmentError(`cannot ${what}: ${(error as Error).message}`, 'storage');
  }
}

const PENDING_KEY_FILE = 'enrollment-key.pem';
const pendingKeyPath = (dataDir: string) => path.join(dataDir, PENDING_KEY_FILE);

/**
 * The key this board enrolls with, kept on disk from the first attempt until enrollment is stored:
 * when the server's answer is lost, the next attempt presents the same key with the same code, and
 * the fleet, recognizing it, hands the board its device again instead of refusing a used code.
 */
function enrollmentKey(dataDir: string): string {
  const file = pendingKeyPath(dataDir);
  if (existsSync(file)) {
    const kept = readFileSync(file, 'utf8');
    try {
      signingKeyFromPem(kept);
      return kept;
    } catch {
      // Damaged: a new key is as good, the code was not redeemed with this one.
    }
  }
  const fresh = generateSigningKeyPem();
  writeFileAtomic(file, fresh, 0o600);
  return fresh;
}

/**
 * Enrolls this board with a one-time code: makes the board's key pair, registers it with the fleet,
 * and stores the identity, pinning the server key it was given. Throws an EnrollmentError.
 */
export async function enrollBoard(options: EnrollOptions): Promise<DeviceIdentity> {
  const code = enrollmentCodeSchema.safeParse(options.code);
  if (!code.success) throw new EnrollmentError(`enrollment refused: ${code.error.issues[0]?.message}`, 'refused');
  const deviceKeyPem = onDisk('keep the enrollment key', () => enrollmentKey(options.dataDir));
  const deviceKey = signingKeyFromPem(deviceKeyPem);
  const bound = { code: code.data, publicKey: deviceKey.publicKey };
  const answer = await postEnroll(options, {
    ...bound,
    hardwareId: onDisk('read the hardware id', () => hardwareId(options.dataDir, options.machineIdFile)),
    proof: signValue(enrollmentProofOf(bound), deviceKey),
    ...(options.name ? { name: options.name } : {}),
  });
  const identity: DeviceIdentity = {
    v: 1,
    serverUrl: options.serverUrl,
    deviceId: answer.deviceId,
    token: answer.token,
    serverPublicKey: answer.serverPublicKey,
    deviceKeyPem,
    enrolledAt: (options.now ?? new Date()).toISOString(),
  };
  onDisk('store the enrollment', () => saveIdentity(options.dataDir, identity));
  try {
    rmSync(pendingKeyPath(options.dataDir), { force: true });
  } catch (error) {
    // Enrolled all the same; the leftover holds the same key as the identity, readable by us only.
    options.logger.warn({ err: (error as Error).message }, 'enrollment key file not removed');
  }
  options.logger.info({ deviceId: identity.deviceId, serverUrl: identity.serverUrl }, 'board enrolled');
  return identity;
}
