import { charTokens } from './charTokens.js';
import { foldText } from './fold.js';

/** What the bridge accepts; longer input from elsewhere (the CLI) is cut to the same length. */
export const MAX_QUERY_CHARS = 200;
/** A query is at most this many terms, so one request cannot build an unbounded FTS expression. */
export const MAX_TERMS = 8;
/** Characters in a trigram: shorter terms take the short-query path. */
export const TRIGRAM = 3;

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
/** Where Latin letters meet Han characters: 媒体rh is 媒体 and rh, the second read as pinyin. */
const SCRIPT_BOUNDARY = /(?<=\p{Script=Han})(?=[A-Za-z])|(?<=[A-Za-z])(?=\p{Script=Han})/u;

export interface SearchQuery {
  /** Folded terms, each of which a hit contains (in its title, body or title pinyin). */
  terms: string[];
  /** Every term has three or more characters: the trigram index answers, ranked by bm25. */
  long: boolean;
}

/**
 * Splits what a passerby typed into terms: at whitespace (terms are ANDed), and where Latin letters
 * meet Han characters. Each term is folded and matched as literal text, so quotes, `*`, `NEAR(`,
 * `AND` and the like are searched for as typed and never reach FTS5 as syntax. Terms without a
 * letter or digit (a lone quote, say) would match nearly everything and are dropped.
 */
export function parseQuery(raw: string): SearchQuery {
  const limited = [...raw].slice(0, MAX_QUERY_CHARS).join('');
  const terms: string[] = [];
  for (const word of limited.split(/\s+/u)) {
    for (const part of word.split(SCRIPT_BOUNDARY)) {
      for (const term of foldText(part).split(' ')) {
        if (LETTER_OR_DIGIT.test(term) && !terms.includes(term) && terms.length < MAX_TERMS) terms.push(term);
      }
    }
  }
  return { terms, long: terms.length > 0 && terms.every((term) => [...term].length >= TRIGRAM) };
}

/** A string as an FTS5 phrase: inside double quotes nothing is syntax. */
export const quote = (text: string) => `"${text.replaceAll('"', '""')}"`;

/** The FTS5 expression for items_fts: each term a quoted trigram phrase, ANDed. */
export function trigramExpression(terms: readonly string[]): string {
  return terms.map(quote).join(' AND ');
}

/** The FTS5 expression for items_chars (titles): each term a phrase of one token per character, ANDed. */
export function charsExpression(terms: readonly string[]): string {
  return terms.map((term) => quote(charTokens(term))).join(' AND ');
}

/** Limits an expression to the title and its pinyin: what the title-first ranking looks for. */
export function inTitle(expression: string): string {
  return `{title pinyin} : (${expression})`;
}
