import type { Database, Statement } from 'better-sqlite3';
import type { Logger } from 'pino';
import { itemBlobRefs } from '../common/pack.js';
import type { PublishEntry, PublishEntryOf } from './kinds/entries.js';
import { itemColumns, KindRowWriter } from './kinds/itemRows.js';
import { indexPending } from './search/indexer.js';

export type { PublishEntry, PublishEntryOf };

/** Origins name where content came from; each is replaced as a whole by its next version. */
export const FLEET_ORIGIN = 'fleet';
/** Packs provisioned from a USB stick or folder: the newest one replaces the previous one. */
export const PACK_ORIGIN = 'pack';

/**
 * The only code that writes content rows. A publish happens in one transaction: readers on the
 * read-only connection see the previous version until the commit and the whole new one after it.
 */
export class ContentWriter {
  private readonly deleteOrigin: Statement;
  private readonly insertItem: Statement;
  private readonly insertVersion: Statement;
  private readonly touchBlob: Statement;
  private readonly getState: Statement;
  private readonly setStateRow: Statement;
  private readonly kindRows: KindRowWriter;

  private readonly searchIndex: { kick(): void } | undefined;
  private readonly logger: Logger | undefined;

  /**
   * `searchIndex`: who indexes what a publish queues for search. Absent, the publish indexes it
   * before returning (the CLI, which exits next); the kiosk host passes its BackgroundIndexer.
   */
  constructor(
    private readonly db: Database,
    options: { searchIndex?: { kick(): void }; logger?: Logger } = {},
  ) {
    this.searchIndex = options.searchIndex;
    this.logger = options.logger;
    // Deleting the items cascades to each kind's own tables (migration 004).
    this.deleteOrigin = db.prepare('DELETE FROM items WHERE origin = ?');
    this.insertItem = db.prepare(`INSERT INTO items
      (id, origin, kind, title, source, section, language, published_at, summary, body_sha256, body_json, body_text,
        priority, valid_from_ms, expires_at_ms, emergency, meta_json)
      VALUES (@id, @origin, @kind, @title, @source, @section, @language, @publishedAt, @summary, @bodySha256, @bodyJson,
        @bodyText, @priority, @validFromMs, @expiresAtMs, @emergency, @metaJson)`);
    this.kindRows = new KindRowWriter(db);
    this.insertVersion = db.prepare(
      'INSERT INTO content_versions (origin, version, published_at, item_count) VALUES (?, ?, ?, ?)',
    );
    this.touchBlob = db.prepare(`INSERT INTO blobs (sha256, size, media_type, stored_at, last_used_at)
      VALUES (@sha256, @size, @mediaType, @now, @now)
      ON CONFLICT (sha256) DO UPDATE SET last_used_at = excluded.last_used_at`);
    this.getState = db.prepare('SELECT value FROM sync_state WHERE key = ?').pluck();
    this.setStateRow = db.prepare(
      'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
  }

  /**
   * Call only after every blob the entries reference is stored and verified. `state` (sync_state
   * keys) commits with the content, so what a board records about a version (e.g. which signed
   * manifest it applied, its rollback floor) can never lag the version after a crash.
   */
  publish(
    origin: string,
    version: string,
    entries: readonly PublishEntry[],
    now = new Date(),
    state: Readonly<Record<string, string>> = {},
  ): void {
    const at = now.toISOString();
    this.db.transaction(() => {
      this.deleteOrigin.run(origin);
      for (const entry of entries) {
        const { item } = entry;
        const { lastInsertRowid } = this.insertItem.run({
          id: item.id,
          origin,
          kind: item.kind,
          title: item.title,
          source: item.source,
          section: item.section,
          language: item.language,
          publishedAt: item.publishedAt,
          summary: item.summary,
          bodySha256: item.body.sha256,
          ...itemColumns(entry),
        });
        this.kindRows.write(lastInsertRowid, entry);
        for (const ref of itemBlobRefs(item)) {
          this.touchBlob.run({ sha256: ref.sha256, size: ref.size, mediaType: ref.mediaType, now: at });
        }
      }
      this.insertVersion.run(origin, version, at, entries.length);
      for (const [key, value] of Object.entries(state)) this.setStateRow.run(key, value);
    })();
    // Search (content-cache/search/): the publish is readable now; index what it queued.
    if (this.searchIndex) return this.searchIndex.kick();
    try {
      indexPending(this.db);
    } catch (error) {
      // The version is committed and stands: throwing now would make a caller take back blobs its
      // rows use. The rows stay queued, and the next open or publish indexes them.
      this.logger?.warn({ err: (error as Error).message }, 'published, but not yet searchable; the rows stay queued');
    }
  }

  state(key: string): string | undefined {
    return this.getState.get(key) as string | undefined;
  }

  /** Writes sync state keys together: a crash keeps all of them or none. */
  setState(values: Readonly<Record<string, string>>): void {
    this.db.transaction(() => {
      for (const [key, value] of Object.entries(values)) this.setStateRow.run(key, value);
    })();
  }
}
