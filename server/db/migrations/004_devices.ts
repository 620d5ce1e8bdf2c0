import type { Kysely } from 'kysely';

/** Enrolled boards. Only a hash of each device token is kept. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('devices')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text')
    .addColumn('hardware_id', 'text', (col) => col.notNull())
    .addColumn('token_hash', 'text', (col) => col.notNull())
    .addColumn('public_key', 'text', (col) => col.notNull())
    .addColumn('enrolled_at', 'text', (col) => col.notNull())
    .addColumn('last_seen_at', 'text')
    .execute();
  await db.schema.createIndex('devices_hardware_id').on('devices').column('hardware_id').execute();
}
