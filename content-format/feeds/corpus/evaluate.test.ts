import { describe, expect, it } from 'vitest';
import type { NormalizedFeed } from '../schema.js';
import { checkExpectation } from './evaluate.js';
import { parsePythonExpr } from './pythonExpr.js';

const result: NormalizedFeed = {
  format: 'atom',
  encoding: 'gb18030',
  feed: {
    title: 'Example <feed>',
    link: 'http://example.com/',
    language: 'en-US',
    updated: '2003-12-31T10:14:55.000Z',
  },
  entries: [
    {
      id: 'http://example.com/1',
      title: 'A & B',
      link: 'http://example.com/1',
      published: null,
      updated: null,
      author: 'Example author',
      summary: null,
      content: '<span></span>',
      language: null,
    },
  ],
  warnings: [],
};

const outcome = (expect: string) => checkExpectation(expect, result).outcome;

describe('parsePythonExpr', () => {
  it('reads string escapes, u-prefixes, concatenation, tuples and chained comparisons', () => {
    expect(parsePythonExpr(`u'caf\\xe9 \\u2019' + "x"`)).toEqual({
      type: 'add',
      left: { type: 'literal', value: 'café \u2019' },
      right: { type: 'literal', value: 'x' },
    });
    expect(parsePythonExpr('(2004, 1, -1)')).toMatchObject({
      type: 'tuple',
      items: [{ value: 2004 }, { value: 1 }, { type: 'neg' }],
    });
    expect(parsePythonExpr("a == b == 'c'")).toMatchObject({ type: 'compare', operators: ['==', '=='] });
    expect(() => parsePythonExpr("feed['title' ==")).toThrow(SyntaxError);
  });
});

describe('checkExpectation', () => {
  it('passes checks our output satisfies and fails those it does not', () => {
    expect(outcome("not bozo and feed['title'] == u'Example &lt;feed&gt;'")).toBe('passed');
    expect(outcome("feed['title'] == 'Something else'")).toBe('failed');
    expect(outcome("entries[0]['title'] == 'A &amp; B' and entries[0]['link'] == 'http://example.com/1'")).toBe(
      'passed',
    );
    expect(outcome("entries[0]['link'] == 'http://example.com/2'")).toBe('failed');
    expect(outcome("entries[1]['title'] == 'A & B'")).toBe('failed');
  });

  it('compares dates as struct_time tuples, authors by name, encodings by alias', () => {
    expect(outcome("feed['updated_parsed'] == (2003, 12, 31, 10, 14, 55, 2, 365, 0)")).toBe('passed');
    expect(outcome("feed['updated_parsed'] == (2003, 12, 31, 10, 14, 56, 2, 365, 0)")).toBe('failed');
    expect(outcome("entries[0]['author'] == 'Example author (me@example.com)'")).toBe('passed');
    expect(outcome("encoding == 'gb2312'")).toBe('passed');
    expect(outcome("encoding == 'big5'")).toBe('failed');
  });

  it('counts a pass that holds only under our stricter allowlist separately', () => {
    expect(outcome(`entries[0]['content'][0]['value'] == '<span accept-charset=""></span>'`)).toBe('passed-policy');
    expect(outcome(`entries[0]['content'][0]['value'] == '<span><script>x</script></span>'`)).toBe('passed-policy');
    expect(outcome(`entries[0]['description'] == '<span>text</span>'`)).toBe('failed');
  });

  it('leaves out what our fields do not carry, and calls a file with nothing else not mappable', () => {
    expect(outcome('not bozo')).toBe('not-mappable');
    expect(outcome('1')).toBe('not-mappable');
    expect(outcome("not bozo and feed['title_detail']['type'] == 'text/plain'")).toBe('not-mappable');
    expect(outcome("bozo and feed['tags'][0]['term'] == 'x' and feed['link'] == 'http://example.com/'")).toBe('passed');
    expect(outcome('len(entries) == 1')).toBe('passed');
  });
});
