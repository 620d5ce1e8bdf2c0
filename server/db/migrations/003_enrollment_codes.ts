import type { Kysely } from 'kysely';

/**
 * One-time enrollment codes. Only a hash of each code is kept; `lookup` is the code's public first
 * group, so a code is found without comparing secrets in the query.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('enrollment_codes')
    .addColumn('lookup', 'text', (col) => col.primaryKey())
    .addColumn('code_hash', 'text', (col) => col.notNull())
    .addColumn('device_name', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('expires_at', 'text', (col) => col.notNull())
    .addColumn('used_at', 'text')
    .addColumn('used_by', 'text')
    .execute();
}
