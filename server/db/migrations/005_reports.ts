import type { Kysely } from 'kysely';

/**
 * Reports boards post, each stored once per (device, idempotency key), so a retried post never
 * counts twice; `device_state` keeps the newest report per board for listings.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('reports')
    .addColumn('id', 'integer', (col) => col.primaryKey())
    .addColumn('device_id', 'text', (col) => col.notNull().references('devices.id').onDelete('cascade'))
    .addColumn('idempotency_key', 'text', (col) => col.notNull())
    .addColumn('received_at', 'text', (col) => col.notNull())
    .addColumn('body_json', 'text', (col) => col.notNull())
    .addUniqueConstraint('reports_device_key', ['device_id', 'idempotency_key'])
    .execute();
  await db.schema
    .createTable('device_state')
    .addColumn('device_id', 'text', (col) => col.primaryKey().references('devices.id').onDelete('cascade'))
    .addColumn('report_id', 'integer', (col) => col.notNull().references('reports.id'))
    .addColumn('reported_at', 'text', (col) => col.notNull())
    .addColumn('received_at', 'text', (col) => col.notNull())
    .addColumn('body_json', 'text', (col) => col.notNull())
    .execute();
}
