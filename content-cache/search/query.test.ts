import { describe, expect, it } from 'vitest';
import { charsExpression, inTitle, MAX_QUERY_CHARS, MAX_TERMS, parseQuery, trigramExpression } from './query.js';

describe('parseQuery', () => {
  it('splits at whitespace and where Latin letters meet Han characters, folding each term', () => {
    expect(parseQuery('  媒體融合\u3000電子閱報欄 ').terms).toEqual(['媒体融合', '电子阅报栏']);
    expect(parseQuery('媒体rh').terms).toEqual(['媒体', 'rh']);
    expect(parseQuery('MTRH').terms).toEqual(['mtrh']);
    expect(parseQuery('5G新闻').terms).toEqual(['5g', '新闻']);
    expect(parseQuery('2024年').terms).toEqual(['2024年']);
  });

  it('routes a query to the trigram index only when every term has three characters', () => {
    expect(parseQuery('媒体融合 电子阅报栏').long).toBe(true);
    expect(parseQuery('媒体融合 报').long).toBe(false);
    expect(parseQuery('mt').long).toBe(false);
  });

  it('keeps syntax characters inside terms and drops terms with no letter or digit', () => {
    expect(parseQuery('"你好" NEAR( * - AND').terms).toEqual(['"你好"', 'near(', 'and']);
    expect(parseQuery('" * ( ) : ^').terms).toEqual([]);
  });

  it('reads at most 200 characters and 8 distinct terms', () => {
    expect(parseQuery('字'.repeat(500)).terms).toEqual(['字'.repeat(MAX_QUERY_CHARS)]);
    const many = Array.from({ length: 20 }, (_, i) => `词${i}`).join(' ');
    expect(parseQuery(many).terms).toHaveLength(MAX_TERMS);
    expect(parseQuery('媒体 媒體 媒体').terms).toEqual(['媒体']);
  });
});

describe('FTS expressions', () => {
  it('quotes every term, doubling quotes inside, so nothing a passerby types is FTS5 syntax', () => {
    expect(trigramExpression(parseQuery('他说"你好" OR').terms)).toBe('"他说""你好""" AND "or"');
    expect(charsExpression(['媒体', 'a,b'])).toBe('"媒 体" AND "a \uE000 b"');
    expect(inTitle('"x"')).toBe('{title pinyin} : ("x")');
  });
});
