import type { Database, Statement } from 'better-sqlite3';
import { charsExpression, inTitle, quote, TRIGRAM, type SearchQuery } from './query.js';
import { perTermCount, SEARCH_SQL } from './searchSql.js';

/** Newest items read directly before asking the index: enough for any term that is not rare. */
const SCAN_ROWS = 1000;
/** A term that begins more trigrams than this is common; the index cannot narrow it down. */
const MAX_PREFIX_TRIGRAMS = 512;
const OLDEST = Number.MIN_SAFE_INTEGER;

const length = (term: string) => [...term].length;

/**
 * Queries with a term shorter than a trigram. Title matches come first, exactly, from the title
 * index; then matches anywhere, newest first. Those are read from the newest folded texts
 * directly, which finds any term that is not rare within the first rows. For a rare term, every
 * trigram of the index that begins with it is looked up at once, newest first: the index's
 * vocabulary lists them, and the marker the indexer ends each column with makes every occurrence
 * of a term the start of some trigram.
 */
export class ShortSearch {
  private readonly titleMatches: Statement;
  private readonly floor: Statement;
  private readonly prefixTrigrams: Statement;
  private readonly statements: (terms: number) => { scan: Statement; counts: Statement; viaIndex: Statement };

  constructor(db: Database) {
    this.statements = perTermCount((terms) => ({
      scan: db.prepare(SEARCH_SQL.scan(terms)).pluck(),
      counts: db.prepare(SEARCH_SQL.termCounts(terms)).raw(),
      viaIndex: db.prepare(SEARCH_SQL.narrowed(terms)).pluck(),
    }));
    this.titleMatches = db.prepare(SEARCH_SQL.shownTitleMatches).pluck();
    this.floor = db.prepare(SEARCH_SQL.nthNewest).pluck();
    db.exec(SEARCH_SQL.vocabulary);
    this.prefixTrigrams = db.prepare(SEARCH_SQL.prefixTrigrams).pluck();
  }

  search(query: SearchQuery, limit: number, now: number): number[] {
    const titles = this.titleMatches.all({ expression: inTitle(charsExpression(query.terms)), limit, now }) as number[];
    if (titles.length === limit) return titles;
    const need = limit + titles.length;
    const terms = Object.fromEntries(query.terms.map((term, i) => [`t${i}`, term]));
    const sql = this.statements(query.terms.length);
    const floor = (this.floor.get(SCAN_ROWS - 1) as number | undefined) ?? OLDEST;
    let anywhere = sql.scan.all({ ...terms, floor, need, now }) as number[];
    if (anywhere.length < need && floor !== OLDEST) {
      // Which short term is rarest matters only when there are several.
      const counts =
        query.terms.length > 1 ? (sql.counts.get({ ...terms, floor }) as number[]) : query.terms.map(() => 0);
      const expression = this.narrowing(query, counts);
      if (expression === '') anywhere = [];
      else if (expression === null) anywhere = sql.scan.all({ ...terms, floor: OLDEST, need, now }) as number[];
      else anywhere = sql.viaIndex.all({ ...terms, expression, need, now }) as number[];
    }
    return [...new Set([...titles, ...anywhere])].slice(0, limit);
  }

  /**
   * An FTS expression for every item holding all terms: the long terms as phrases, and the short
   * term rarest among the newest items as any trigram it begins. Empty when no trigram begins with
   * it (nothing holds it); null when too many do to list.
   */
  private narrowing(query: SearchQuery, newestCounts: readonly number[]): string | null {
    const candidates = query.terms
      .map((term, i) => ({ term, count: newestCounts[i] ?? 0 }))
      .filter(({ term }) => length(term) < TRIGRAM)
      .sort((a, b) => a.count - b.count || length(b.term) - length(a.term));
    const short = candidates[0]?.term ?? '';
    const trigrams = this.prefixTrigrams.all(short, `${short}\u{10FFFF}`, MAX_PREFIX_TRIGRAMS + 1) as string[];
    if (trigrams.length > MAX_PREFIX_TRIGRAMS) return null;
    if (trigrams.length === 0) return '';
    const long = query.terms.filter((term) => length(term) >= TRIGRAM).map(quote);
    return [...long, `(${trigrams.map(quote).join(' OR ')})`].join(' AND ');
  }
}
