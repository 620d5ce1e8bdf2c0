import type { Database, Statement } from 'better-sqlite3';
import type { ArticleBody } from '../common/content.js';
import type { PackItem } from '../common/pack.js';

export interface PublishEntry {
  item: PackItem;
  body: ArticleBody;
}

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
  private readonly setState: Statement;

  constructor(private readonly db: Database) {
    this.deleteOrigin = db.prepare('DELETE FROM items WHERE origin = ?');
    this.insertItem = db.prepare(`INSERT INTO items
      (id, origin, kind, title, source, section, language, published_at, summary, body_sha256, body_json, body_text)
      VALUES (@id, @origin, @kind, @title, @source, @section, @language, @publishedAt, @summary, @bodySha256, @bodyJson, @bodyText)`);
    this.insertVersion = db.prepare(
      'INSERT INTO content_versions (origin, version, published_at, item_count) VALUES (?, ?, ?, ?)',
    );
    this.touchBlob = db.prepare(`INSERT INTO blobs (sha256, size, media_type, stored_at, last_used_at)
      VALUES (@sha256, @size, @mediaType, @now, @now)
      ON CONFLICT (sha256) DO UPDATE SET last_used_at = excluded.last_used_at`);
    this.getState = db.prepare('SELECT value FROM sync_state WHERE key = ?').pluck();
    this.setState = db.prepare(
      'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
  }

  /** Call only after every blob the entries reference is stored and verified. */
  publish(origin: string, version: string, entries: readonly PublishEntry[], now = new Date()): void {
    const at = now.toISOString();
    this.db.transaction(() => {
      this.deleteOrigin.run(origin);
      for (const { item, body } of entries) {
        this.insertItem.run({
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
          bodyJson: JSON.stringify(body),
          bodyText: body.paragraphs.join('\n'),
        });
        this.touchBlob.run({ sha256: item.body.sha256, size: item.body.size, mediaType: item.body.mediaType, now: at });
      }
      this.insertVersion.run(origin, version, at, entries.length);
    })();
  }

  state(key: string): string | undefined {
    return this.getState.get(key) as string | undefined;
  }

  setStateValue(key: string, value: string): void {
    this.setState.run(key, value);
  }
}
