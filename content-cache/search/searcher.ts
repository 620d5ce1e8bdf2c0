import type { Database, Statement } from 'better-sqlite3';
import type { ItemKind } from '../../common/content.js';
import { SHOWN, VISIBLE } from '../kinds/shown.js';
import { markTitle, snippet, type Mark } from './highlight.js';
import { charsExpression, inTitle, parseQuery, trigramExpression, type SearchQuery } from './query.js';
import { rankCandidates, type Candidate } from './rank.js';

/** A hit with its matches marked on the original title and snippet. */
export interface MarkedSearchHit {
  id: string;
  kind: ItemKind;
  title: string;
  titleMarks: Mark[];
  snippet: string;
  snippetMarks: Mark[];
}

export interface SearchOptions {
  limit: number;
  /** Epoch ms the items' windows are judged at (ContentReader.now()). */
  now: number;
}

/** The newest matches of a 3+ character query ranked by bm25… */
const NEWEST_MATCHES = 256;
/** …together with the newest title matches however old, so a title hit is never crowded out. */
const TITLE_MATCHES = 32;
/** Bounds the rows bm25 is computed for when the title matches reach far back. */
const MAX_RANKED = 2048;
const OLDEST = Number.MIN_SAFE_INTEGER;

interface ItemRow {
  id: string;
  kind: ItemKind;
  title: string;
  body_text: string;
}

const RESOLVE = `FROM search_text JOIN items ON items.row_id = search_text.row_id`;

/**
 * Answers queries on the read-only connection. Queries whose every term has three or more
 * characters use the trigram index: the newest matches (and newest title matches) are ranked by
 * bm25 with a recency boost, instead of bm25-sorting every match. Shorter terms use the one-token-
 * per-character index: title matches first, then the rest, newest first; both reads stop early.
 */
export class Searcher {
  private readonly nthMatch: Statement;
  private readonly newestMatches: Statement;
  private readonly scored: Statement;
  private readonly shownItem: Statement;
  private readonly newestShort: Statement;
  private readonly itemRow: Statement;

  constructor(db: Database) {
    this.nthMatch = db
      .prepare('SELECT rowid FROM items_fts WHERE items_fts MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?')
      .pluck();
    this.newestMatches = db
      .prepare('SELECT rowid FROM items_fts WHERE items_fts MATCH ? ORDER BY rowid DESC LIMIT ?')
      .pluck();
    this.scored = db.prepare(`SELECT rowid, bm25(items_fts, 5.0, 1.0, 4.0) AS bm25 FROM items_fts
      WHERE items_fts MATCH @expression AND rowid >= @from ORDER BY rowid DESC LIMIT @limit`);
    this.shownItem = db
      .prepare(`SELECT items.row_id ${RESOLVE} WHERE search_text.fts_rowid = @rowid AND ${SHOWN} AND ${VISIBLE}`)
      .pluck();
    this.newestShort = db
      .prepare(
        `SELECT items.row_id FROM items_chars JOIN search_text ON search_text.fts_rowid = items_chars.rowid
        JOIN items ON items.row_id = search_text.row_id
        WHERE items_chars MATCH @expression AND ${SHOWN} AND ${VISIBLE}
        ORDER BY items_chars.rowid DESC LIMIT @limit`,
      )
      .pluck();
    this.itemRow = db.prepare('SELECT id, kind, title, body_text FROM items WHERE row_id = ?');
  }

  search(raw: string, { limit, now }: SearchOptions): MarkedSearchHit[] {
    const query = parseQuery(raw);
    if (query.terms.length === 0 || limit < 1) return [];
    const rowIds = query.long ? this.ranked(query, limit, now) : this.titleFirst(query, limit, now);
    return rowIds.map((rowId) => this.hit(rowId, query.terms));
  }

  private ranked(query: SearchQuery, limit: number, now: number): number[] {
    const expression = trigramExpression(query);
    const newestCut = (this.nthMatch.get(expression, NEWEST_MATCHES - 1) as number | undefined) ?? OLDEST;
    const titleRowids = this.newestMatches.all(inTitle(expression), TITLE_MATCHES) as number[];
    const from = Math.min(newestCut, ...titleRowids);
    const candidates = this.scored.all({ expression, from, limit: MAX_RANKED }) as Candidate[];
    const rowIds: number[] = [];
    for (const rowid of rankCandidates(candidates)) {
      const rowId = this.shownItem.get({ rowid, now }) as number | undefined;
      if (rowId !== undefined) rowIds.push(rowId);
      if (rowIds.length === limit) break;
    }
    return rowIds;
  }

  private titleFirst(query: SearchQuery, limit: number, now: number): number[] {
    const expression = charsExpression(query);
    const inTitles = this.newestShort.all({ expression: inTitle(expression), limit, now }) as number[];
    if (inTitles.length === limit) return inTitles;
    const anywhere = this.newestShort.all({ expression, limit: limit + inTitles.length, now }) as number[];
    return [...new Set([...inTitles, ...anywhere])].slice(0, limit);
  }

  private hit(rowId: number, terms: readonly string[]): MarkedSearchHit {
    const row = this.itemRow.get(rowId) as ItemRow;
    const title = markTitle(row.title, terms);
    const body = snippet(row.body_text, terms);
    return {
      id: row.id,
      kind: row.kind,
      title: row.title,
      titleMarks: title.marks,
      snippet: body.text,
      snippetMarks: body.marks,
    };
  }
}
