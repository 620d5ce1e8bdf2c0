import type { Database, Statement } from 'better-sqlite3';
import { articleBodySchema, type Article, type ItemSummary, type SearchHit } from '../common/content.js';

interface ItemRow {
  id: string;
  kind: 'article';
  title: string;
  source: string;
  section: string;
  language: ItemSummary['language'];
  published_at: string;
  summary: string;
}

const SUMMARY_COLUMNS = 'id, kind, title, source, section, language, published_at, summary';

/** An id published by two origins shows once: the row published last (see migration 001). */
const VISIBLE = 'NOT EXISTS (SELECT 1 FROM items AS newer WHERE newer.id = items.id AND newer.row_id > items.row_id)';

function toSummary(row: ItemRow): ItemSummary {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    source: row.source,
    section: row.section,
    language: row.language,
    publishedAt: row.published_at,
    summary: row.summary,
  };
}

/** Trigram search needs three characters; shorter queries take the scan path, which stays fast at our sizes. */
const TRIGRAM_MIN_CHARS = 3;
const SNIPPET_CONTEXT = 24;

function snippetAround(text: string, query: string): string {
  const at = text.indexOf(query);
  if (at < 0) return text.slice(0, SNIPPET_CONTEXT * 2);
  const start = Math.max(0, at - SNIPPET_CONTEXT);
  const end = Math.min(text.length, at + query.length + SNIPPET_CONTEXT);
  return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
}

/** Everything the UI reads, on the read-only connection. */
export class ContentReader {
  private readonly listStatement: Statement;
  private readonly articleStatement: Statement;
  private readonly ftsStatement: Statement;
  private readonly scanStatement: Statement;
  private readonly versionStatement: Statement;

  constructor(db: Database) {
    this.listStatement = db.prepare(
      `SELECT ${SUMMARY_COLUMNS} FROM items WHERE ${VISIBLE} ORDER BY published_at DESC, id LIMIT ?`,
    );
    this.articleStatement = db.prepare(
      `SELECT ${SUMMARY_COLUMNS}, body_json FROM items WHERE id = ? ORDER BY row_id DESC LIMIT 1`,
    );
    this.ftsStatement = db.prepare(`SELECT items.id, items.kind, items.title, items.body_text
      FROM items_fts JOIN items ON items.row_id = items_fts.rowid
      WHERE items_fts MATCH ? AND ${VISIBLE} ORDER BY bm25(items_fts, 5.0, 1.0) LIMIT ?`);
    this.scanStatement = db.prepare(`SELECT id, kind, title, body_text FROM items
      WHERE (instr(title, @q) > 0 OR instr(body_text, @q) > 0) AND ${VISIBLE}
      ORDER BY published_at DESC LIMIT @limit`);
    this.versionStatement = db.prepare('SELECT version FROM content_versions ORDER BY id DESC LIMIT 1').pluck();
  }

  list(limit = 100): ItemSummary[] {
    return (this.listStatement.all(limit) as ItemRow[]).map(toSummary);
  }

  article(id: string): Article | null {
    const row = this.articleStatement.get(id) as (ItemRow & { body_json: string }) | undefined;
    if (!row) return null;
    const body = articleBodySchema.parse(JSON.parse(row.body_json));
    return { ...toSummary(row), ...body };
  }

  search(query: string, limit = 20): SearchHit[] {
    const q = query.trim();
    if (!q) return [];
    type HitRow = { id: string; kind: 'article'; title: string; body_text: string };
    const rows = (
      [...q].length >= TRIGRAM_MIN_CHARS
        ? this.ftsStatement.all(`"${q.replaceAll('"', '""')}"`, limit)
        : this.scanStatement.all({ q, limit })
    ) as HitRow[];
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      title: row.title,
      snippet: snippetAround(row.title.includes(q) && !row.body_text.includes(q) ? row.title : row.body_text, q),
    }));
  }

  contentVersion(): string | null {
    return (this.versionStatement.get() as string | undefined) ?? null;
  }
}
