import { sql, type Kysely } from 'kysely';

/**
 * Reports are pruned to each device's newest, found through this index. States already pinned by a
 * board clock far in the future are brought back to at most five minutes after they were received
 * (the margin server/db/reports.ts now applies to every report), so those boards show new reports
 * again. The margin is written out here, not imported, because a migration must not change later.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('reports_device_newest').on('reports').columns(['device_id', 'id']).execute();
  await sql`
    UPDATE device_state
    SET reported_at = strftime('%Y-%m-%dT%H:%M:%fZ', received_at, '+5 minutes')
    WHERE reported_at > strftime('%Y-%m-%dT%H:%M:%fZ', received_at, '+5 minutes')
  `.execute(db);
}
