import type { Kysely } from 'kysely';

/** A release is one published content manifest; boards are served the newest. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('releases')
    .addColumn('seq', 'integer', (col) => col.primaryKey())
    .addColumn('version', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('manifest_json', 'text', (col) => col.notNull())
    .addColumn('etag', 'text', (col) => col.notNull())
    .execute();
}
