import type { Database, Statement } from 'better-sqlite3';
import type { ItemKind } from '../../common/content.js';
import { markTitle, snippet, type Mark } from './highlight.js';
import { parseQuery } from './query.js';
import { RankedSearch } from './rankedSearch.js';
import { SEARCH_SQL } from './searchSql.js';
import { ShortSearch } from './shortSearch.js';

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

interface ItemRow {
  id: string;
  kind: ItemKind;
  title: string;
  body_text: string;
}

/**
 * Answers passersby's queries on the read-only connection: queries whose every term has three or
 * more characters are ranked by relevance and recency (rankedSearch.ts), others list title
 * matches and then the newest matches anywhere (shortSearch.ts). Every hit comes with its matches
 * marked on the original title and on a snippet of the original body.
 */
export class Searcher {
  private readonly ranked: RankedSearch;
  private readonly short: ShortSearch;
  private readonly itemRow: Statement;

  constructor(db: Database) {
    this.ranked = new RankedSearch(db);
    this.short = new ShortSearch(db);
    this.itemRow = db.prepare(SEARCH_SQL.itemRow);
  }

  search(raw: string, { limit, now }: SearchOptions): MarkedSearchHit[] {
    const query = parseQuery(raw);
    if (query.terms.length === 0 || limit < 1) return [];
    const rowIds = query.long ? this.ranked.search(query, limit, now) : this.short.search(query, limit, now);
    return rowIds.map((rowId) => this.hit(rowId, query.terms));
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
