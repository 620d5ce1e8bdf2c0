import type { Kysely } from 'kysely';
import { enrollmentCodeSchema } from '../../common/fleetApi.js';
import { codeLookup, newEnrollmentCode, secretHash, secretMatches } from '../enrollment/secrets.js';
import type { FleetDatabase } from './schema.js';

export class EnrollmentCodeError extends Error {
  override name = 'EnrollmentCodeError';
}

export interface IssuedCode {
  code: string;
  expiresAt: string;
}

export interface IssueOptions {
  ttlMs: number;
  /** The name the enrolled board gets unless it sends its own. */
  deviceName?: string;
  /** A code chosen by the caller (demo, tests) instead of a random one. */
  code?: string;
  now?: Date;
}

const MAX_LOOKUP_COLLISIONS = 8;

/** Issues one-time enrollment codes; the fleet keeps only their hashes. */
export class EnrollmentCodeRepository {
  constructor(private readonly db: Kysely<FleetDatabase>) {}

  async issue({ ttlMs, deviceName, code: chosen, now = new Date() }: IssueOptions): Promise<IssuedCode> {
    const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
    if (chosen !== undefined) {
      const parsed = enrollmentCodeSchema.safeParse(chosen);
      if (!parsed.success) throw new EnrollmentCodeError(`${chosen} is not an enrollment code (ABCD-EFGH-JKMN-PQRS)`);
      return { code: parsed.data, expiresAt: await this.insertChosen(parsed.data, expiresAt, deviceName, now) };
    }
    for (let attempt = 0; attempt < MAX_LOOKUP_COLLISIONS; attempt += 1) {
      const code = newEnrollmentCode();
      if (await this.tryInsert(code, expiresAt, deviceName, now)) return { code, expiresAt };
    }
    throw new EnrollmentCodeError('could not find a free enrollment code; remove old codes and try again');
  }

  /** Restarting a demo fleet with the same code keeps that code (used or not) rather than failing. */
  private async insertChosen(code: string, expiresAt: string, deviceName: string | undefined, now: Date) {
    if (await this.tryInsert(code, expiresAt, deviceName, now)) return expiresAt;
    const existing = await this.db
      .selectFrom('enrollment_codes')
      .select(['code_hash', 'expires_at'])
      .where('lookup', '=', codeLookup(code))
      .executeTakeFirstOrThrow();
    if (!secretMatches(code, existing.code_hash))
      throw new EnrollmentCodeError(`another code starting with ${codeLookup(code)} exists; choose a different one`);
    return existing.expires_at;
  }

  private async tryInsert(code: string, expiresAt: string, deviceName: string | undefined, now: Date) {
    const result = await this.db
      .insertInto('enrollment_codes')
      .values({
        lookup: codeLookup(code),
        code_hash: secretHash(code),
        device_name: deviceName ?? null,
        created_at: now.toISOString(),
        expires_at: expiresAt,
      })
      .onConflict((oc) => oc.column('lookup').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
  }
}
