import type { Kysely } from 'kysely';
import type { PackManifest } from '../../common/pack.js';
import { sha256Hex } from '../../content-format/hash.js';
import type { FleetDatabase } from './schema.js';

export interface StoredRelease {
  version: string;
  etag: string;
  manifestJson: string;
}

/** All release reads and writes of the fleet server. */
export class ReleaseRepository {
  constructor(private readonly db: Kysely<FleetDatabase>) {}

  async publish(manifest: PackManifest, now = new Date()): Promise<StoredRelease> {
    const manifestJson = JSON.stringify(manifest);
    const etag = `"${sha256Hex(Buffer.from(manifestJson, 'utf8')).slice(0, 32)}"`;
    await this.db.transaction().execute(async (trx) => {
      const last = await trx
        .selectFrom('releases')
        .select((eb) => eb.fn.max('seq').as('seq'))
        .executeTakeFirst();
      await trx
        .insertInto('releases')
        .values({
          seq: (last?.seq ?? 0) + 1,
          version: manifest.version,
          created_at: now.toISOString(),
          manifest_json: manifestJson,
          etag,
        })
        .execute();
    });
    return { version: manifest.version, etag, manifestJson };
  }

  async latest(): Promise<StoredRelease | null> {
    const row = await this.db
      .selectFrom('releases')
      .select(['version', 'etag', 'manifest_json'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? { version: row.version, etag: row.etag, manifestJson: row.manifest_json } : null;
  }
}
