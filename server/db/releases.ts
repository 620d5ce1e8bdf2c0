import type { Kysely } from 'kysely';
import type { PackManifest } from '../../common/pack.js';
import { sha256Hex } from '../../content-format/hash.js';
import { signDocument, type SigningKey } from '../../content-format/signing/ed25519.js';
import type { FleetDatabase } from './schema.js';

export interface StoredRelease {
  /** The release sequence: the signed manifest's `version`, strictly increasing. */
  seq: number;
  /** The content version (derived from the items). */
  version: string;
  etag: string;
  /** The manifest as a signed document, ready to send. */
  signedJson: string;
}

function etagOf(json: string): string {
  return `"${sha256Hex(Buffer.from(json, 'utf8')).slice(0, 32)}"`;
}

/** All release reads and writes of the fleet server. A release is signed once, when it is published. */
export class ReleaseRepository {
  constructor(
    private readonly db: Kysely<FleetDatabase>,
    private readonly key: SigningKey,
  ) {}

  private sign(seq: number, manifest: PackManifest, issuedAt: Date): string {
    return JSON.stringify(
      signDocument(
        { v: 1, kind: 'manifest', scope: 'fleet', version: seq, issuedAt: issuedAt.toISOString(), body: manifest },
        this.key,
      ),
    );
  }

  async publish(manifest: PackManifest, now = new Date()): Promise<StoredRelease> {
    return this.db.transaction().execute(async (trx) => {
      const last = await trx
        .selectFrom('releases')
        .select((eb) => eb.fn.max('seq').as('seq'))
        .executeTakeFirst();
      const seq = (last?.seq ?? 0) + 1;
      const signedJson = this.sign(seq, manifest, now);
      const etag = etagOf(signedJson);
      await trx
        .insertInto('releases')
        .values({
          seq,
          version: manifest.version,
          created_at: now.toISOString(),
          manifest_json: JSON.stringify(manifest),
          etag,
          signed_json: signedJson,
        })
        .execute();
      return { seq, version: manifest.version, etag, signedJson };
    });
  }

  async latest(now = new Date()): Promise<StoredRelease | null> {
    const row = await this.db
      .selectFrom('releases')
      .select(['seq', 'version', 'etag', 'manifest_json', 'signed_json'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!row) return null;
    if (row.signed_json !== null)
      return { seq: row.seq, version: row.version, etag: row.etag, signedJson: row.signed_json };
    // A release published before signing existed is signed on first use and kept signed.
    // Another process may sign it first; re-reading returns whichever signature was stored.
    const signedJson = this.sign(row.seq, JSON.parse(row.manifest_json) as PackManifest, now);
    await this.db
      .updateTable('releases')
      .set({ signed_json: signedJson, etag: etagOf(signedJson) })
      .where('seq', '=', row.seq)
      .where('signed_json', 'is', null)
      .execute();
    return this.latest(now);
  }
}
