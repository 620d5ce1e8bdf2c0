import type { Database, Statement } from 'better-sqlite3';
import { bm25, corpusStats, inverseDocumentFrequency, type CorpusStats } from './bm25.js';
import { charsExpression, inTitle, quote, trigramExpression, type SearchQuery } from './query.js';
import { rankCandidates } from './rank.js';
import { publicationDayOfRowid } from './searchRowid.js';
import { perTermCount, SEARCH_SQL, TEXT_COLUMNS } from './searchSql.js';

/** The newest matches of a query are ranked… */
const NEWEST_MATCHES = 128;
/** …together with the newest title matches however old, so a title hit is never crowded out. */
const TITLE_MATCHES = 24;
/** Matches of one term read to count it, or to estimate its count from the days they span. */
const TERM_PROBE = 64;

/**
 * Queries whose every term has three or more characters. The trigram index yields the newest
 * matches and the title index the newest title matches, both reads stopping early; those rows are
 * ranked by bm25 (bm25.ts) times a recency factor (rank.ts). Term counts per column come from
 * SQLite string functions over the folded text, so no body is copied into JavaScript (they count
 * overlapping occurrences once, where FTS5 counts each: 哈哈 in 哈哈哈). A multi-term
 * query weighs its terms by IDF, for which each term's row count is counted when small and
 * estimated from the days its newest matches span otherwise.
 */
export class RankedSearch {
  private readonly newest: Statement;
  private readonly newestTitles: Statement;
  private readonly averages: Statement;
  private readonly span: Statement;
  private readonly shownItem: Statement;
  private readonly counts: (terms: number) => Statement;

  constructor(db: Database) {
    this.counts = perTermCount((terms) => db.prepare(SEARCH_SQL.counts(terms)).raw());
    this.newest = db.prepare(SEARCH_SQL.newestMatches).pluck();
    this.newestTitles = db.prepare(SEARCH_SQL.newestTitleMatches).pluck();
    this.averages = db.prepare(SEARCH_SQL.averages).pluck();
    this.span = db.prepare(SEARCH_SQL.span);
    this.shownItem = db.prepare(SEARCH_SQL.shownItem).pluck();
  }

  search(query: SearchQuery, limit: number, now: number): number[] {
    const { terms } = query;
    const stats = corpusStats((this.averages.get() as Uint8Array | undefined) ?? new Uint8Array(), TEXT_COLUMNS.length);
    // One term's IDF is a constant factor that changes no order; several need their row counts.
    const matching = terms.length > 1 ? this.matchingRows(terms, stats) : [];
    const idf = terms.length > 1 ? matching.map((count) => inverseDocumentFrequency(stats.rows, count)) : [1];
    // Title matches of the rarest term: of all the terms, it has the fewest to read through.
    const rarest = terms.length > 1 ? (terms[matching.indexOf(Math.min(...matching))] ?? '') : (terms[0] ?? '');
    const rowids = new Set([
      ...(this.newest.all(trigramExpression(terms), NEWEST_MATCHES) as number[]),
      ...(this.newestTitles.all(inTitle(charsExpression([rarest])), TITLE_MATCHES) as number[]),
    ]);
    if (rowids.size === 0) return [];
    const parameters = Object.fromEntries(terms.map((term, i) => [`t${i}`, term]));
    const rows = this.counts(terms.length).all({ ...parameters, rowids: JSON.stringify([...rowids]) }) as number[][];
    const candidates = rows.flatMap(([rowid = 0, ...values]) => {
      const counts = terms.map((_, i) => values.slice(TEXT_COLUMNS.length * (i + 1), TEXT_COLUMNS.length * (i + 2)));
      // A title candidate of the rarest term may lack another term altogether.
      if (counts.some((perColumn) => perColumn.every((count) => count === 0))) return [];
      return [{ rowid, bm25: bm25({ lengths: values.slice(0, TEXT_COLUMNS.length), counts }, idf, stats) }];
    });
    const rowIds: number[] = [];
    for (const rowid of rankCandidates(candidates)) {
      const rowId = this.shownItem.get({ rowid, now }) as number | undefined;
      if (rowId !== undefined) rowIds.push(rowId);
      if (rowIds.length === limit) break;
    }
    return rowIds;
  }

  /**
   * How many rows hold each term: counted when it has fewer than TERM_PROBE matches, else estimated
   * from the days its newest TERM_PROBE matches span, as if items spread evenly over the days the
   * index covers.
   */
  private matchingRows(terms: readonly string[], stats: CorpusStats): number[] {
    const { oldest, newest } = this.span.get() as { oldest: number; newest: number };
    const newestDay = publicationDayOfRowid(newest);
    const days = newestDay - publicationDayOfRowid(oldest) + 1;
    return terms.map((term) => {
      const matches = this.newest.all(quote(term), TERM_PROBE) as number[];
      const last = matches.at(-1);
      if (matches.length < TERM_PROBE || last === undefined) return matches.length;
      return Math.min(stats.rows, (TERM_PROBE * days) / (newestDay - publicationDayOfRowid(last) + 1));
    });
  }
}
