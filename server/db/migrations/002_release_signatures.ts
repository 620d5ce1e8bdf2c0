import type { Kysely } from 'kysely';

/**
 * Each release carries its manifest as a signed document, signed once when it is published, so
 * serving it (and answering 304) never signs anything. Releases from before signing have none
 * until they are first served.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('releases').addColumn('signed_json', 'text').execute();
}
