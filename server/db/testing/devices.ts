import type { Kysely } from 'kysely';
import type { FleetDatabase } from '../schema.js';

/** A device row as enrollment leaves it, for tests that need a board to report. */
export async function insertTestDevice(db: Kysely<FleetDatabase>, id: string, enrolledAt: string): Promise<void> {
  await db
    .insertInto('devices')
    .values({
      id,
      name: id,
      hardware_id: `hw-${id}`,
      token_hash: 'b'.repeat(64),
      public_key: 'k'.repeat(43),
      enrolled_at: enrolledAt,
      last_seen_at: null,
    })
    .execute();
}
