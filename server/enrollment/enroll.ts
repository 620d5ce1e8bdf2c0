import type { Kysely } from 'kysely';
import { randomUUID } from 'node:crypto';
import { enrollmentProofOf, type EnrollRequest } from '../../common/fleetApi.js';
import { verifyValue } from '../../content-format/signing/ed25519.js';
import type { FleetDatabase } from '../db/schema.js';
import { codeLookup, newDeviceToken, secretHash, secretMatches } from './secrets.js';

export type EnrollOutcome =
  { ok: true; deviceId: string; token: string } | { ok: false; reason: 'invalid' | 'used' | 'expired' };

/** Operator-facing reasons; a board shows them on its enrollment screen. */
export const ENROLL_REFUSALS: Record<Extract<EnrollOutcome, { ok: false }>['reason'], string> = {
  invalid: 'the enrollment code is not valid',
  used: 'the enrollment code has already been used',
  expired: 'the enrollment code has expired',
};

/**
 * Redeems a one-time code and creates the device in one transaction. The code is marked used only
 * while still unused, so two boards racing with the same code cannot both enroll. Until the code
 * expires, the board that redeemed it may redeem it again with the same key (a lost answer).
 */
export async function enrollDevice(
  db: Kysely<FleetDatabase>,
  request: EnrollRequest,
  now = new Date(),
): Promise<EnrollOutcome> {
  return db.transaction().execute(async (trx): Promise<EnrollOutcome> => {
    const code = await trx
      .selectFrom('enrollment_codes')
      .select(['lookup', 'code_hash', 'device_name', 'expires_at', 'used_at', 'used_by'])
      .where('lookup', '=', codeLookup(request.code))
      .executeTakeFirst();
    // Used and expired are told apart only after the secret matched, so they reveal nothing about other codes.
    if (!code || !secretMatches(request.code, code.code_hash)) return { ok: false, reason: 'invalid' };
    const proven =
      request.proof !== undefined && verifyValue(enrollmentProofOf(request), request.publicKey, request.proof);
    if (request.proof !== undefined && !proven) return { ok: false, reason: 'invalid' };
    if (Date.parse(code.expires_at) <= now.getTime()) return { ok: false, reason: code.used_at ? 'used' : 'expired' };
    if (code.used_at) {
      // The board that redeemed it, asking again with its key because our answer never reached it,
      // and proving it holds that key (a public key alone proves nothing): it gets its device back
      // with a new token (the lost one is dead). Anyone else: used.
      if (!proven) return { ok: false, reason: 'used' };
      const same = await trx
        .selectFrom('devices')
        .select('id')
        .where('id', '=', code.used_by ?? '')
        .where('public_key', '=', request.publicKey)
        .executeTakeFirst();
      if (!same) return { ok: false, reason: 'used' };
      const token = newDeviceToken();
      await trx
        .updateTable('devices')
        .set({ token_hash: secretHash(token) })
        .where('id', '=', same.id)
        .execute();
      return { ok: true, deviceId: same.id, token };
    }
    const deviceId = randomUUID();
    const token = newDeviceToken();
    const claimed = await trx
      .updateTable('enrollment_codes')
      .set({ used_at: now.toISOString(), used_by: deviceId })
      .where('lookup', '=', code.lookup)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) return { ok: false, reason: 'used' };
    await trx
      .insertInto('devices')
      .values({
        id: deviceId,
        name: request.name ?? code.device_name,
        hardware_id: request.hardwareId,
        token_hash: secretHash(token),
        public_key: request.publicKey,
        enrolled_at: now.toISOString(),
        last_seen_at: now.toISOString(),
      })
      .execute();
    return { ok: true, deviceId, token };
  });
}
