import type { Database, Statement } from 'better-sqlite3';
import { SHOWN, VISIBLE } from '../kinds/shown.js';
import { charsExpression, inTitle, MAX_TERMS, quote, type SearchQuery } from './query.js';

/** Newest items read directly before asking the index: enough for any term that is not rare. */
const SCAN_ROWS = 2000;
/** A term that begins more trigrams than this is common; the index cannot narrow it down. */
const MAX_PREFIX_TRIGRAMS = 512;

const ITEM = `JOIN items ON items.row_id = search_text.row_id`;
const contains = (term: number) =>
  `(instr(search_text.title, @t${term}) OR instr(search_text.body_text, @t${term}) OR instr(search_text.pinyin, @t${term}))`;

/**
 * Queries with a term shorter than a trigram. Title matches come first, exactly, from the title
 * index; then matches anywhere, newest first. Those are read from the newest folded texts
 * directly, which finds any term that is not rare within the first rows; for a rare one, every
 * trigram of the index that begins with the term (the index's vocabulary, with the end marker the
 * indexer adds, covers every occurrence) is looked up at once, newest first.
 */
export class ShortSearch {
  private readonly titleMatches: Statement;
  private readonly prefixTrigrams: Statement;
  private readonly scans = new Map<number, Statement>();
  private readonly indexed = new Map<number, Statement>();

  constructor(private readonly db: Database) {
    this.titleMatches = db
      .prepare(
        `SELECT items.row_id FROM items_chars JOIN search_text ON search_text.fts_rowid = items_chars.rowid ${ITEM}
        WHERE items_chars MATCH @expression AND ${SHOWN} AND ${VISIBLE}
        ORDER BY items_chars.rowid DESC LIMIT @limit`,
      )
      .pluck();
    db.exec('CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_vocabulary USING fts5vocab(main, items_fts, row)');
    this.prefixTrigrams = db
      .prepare('SELECT term FROM temp.search_vocabulary WHERE term >= ? AND term < ? LIMIT ?')
      .pluck();
  }

  search(query: SearchQuery, limit: number, now: number): number[] {
    const titles = this.titleMatches.all({ expression: inTitle(charsExpression(query)), limit, now }) as number[];
    if (titles.length === limit) return titles;
    const need = limit + titles.length;
    const terms = Object.fromEntries(query.terms.map((term, i) => [`t${i}`, term]));
    let anywhere = this.scan(query.terms.length, true).all({ ...terms, rows: SCAN_ROWS, need, now }) as number[];
    if (anywhere.length < need) {
      const expression = this.narrowing(query);
      anywhere =
        expression === null
          ? (this.scan(query.terms.length, false).all({ ...terms, need, now }) as number[])
          : (this.viaIndex(query.terms.length).all({ ...terms, expression, need, now }) as number[]);
    }
    return [...new Set([...titles, ...anywhere])].slice(0, limit);
  }

  /**
   * An FTS expression that finds every item containing all terms: the long terms as phrases, the
   * shortest one as any trigram it begins. Null when that term begins too many trigrams to list.
   */
  private narrowing(query: SearchQuery): string | null {
    const short = [...query.terms].sort((a, b) => [...a].length - [...b].length)[0] as string;
    const trigrams = this.prefixTrigrams.all(short, `${short}\u{10FFFF}`, MAX_PREFIX_TRIGRAMS + 1) as string[];
    if (trigrams.length > MAX_PREFIX_TRIGRAMS) return null;
    if (trigrams.length === 0) return quote(`${short}\u0000`);
    const long = query.terms.filter((term) => [...term].length >= 3).map(quote);
    return [...long, `(${trigrams.map(quote).join(' OR ')})`].join(' AND ');
  }

  private scan(terms: number, bounded: boolean): Statement {
    const key = bounded ? terms : -terms;
    let statement = this.scans.get(key);
    if (!statement) {
      const source = bounded
        ? '(SELECT * FROM search_text ORDER BY fts_rowid DESC LIMIT @rows) AS search_text'
        : 'search_text';
      statement = this.db
        .prepare(
          `SELECT items.row_id FROM ${source} ${ITEM}
          WHERE ${Array.from({ length: terms }, (_, i) => contains(i)).join(' AND ')} AND ${SHOWN} AND ${VISIBLE}
          ORDER BY search_text.fts_rowid DESC LIMIT @need`,
        )
        .pluck();
      this.scans.set(key, statement);
    }
    return statement;
  }

  private viaIndex(terms: number): Statement {
    let statement = this.indexed.get(terms);
    if (!statement) {
      statement = this.db
        .prepare(
          `SELECT items.row_id FROM items_fts JOIN search_text ON search_text.fts_rowid = items_fts.rowid ${ITEM}
          WHERE items_fts MATCH @expression AND ${Array.from({ length: terms }, (_, i) => contains(i)).join(' AND ')}
            AND ${SHOWN} AND ${VISIBLE}
          ORDER BY items_fts.rowid DESC LIMIT @need`,
        )
        .pluck();
      this.indexed.set(terms, statement);
    }
    return statement;
  }
}

export { MAX_TERMS };
