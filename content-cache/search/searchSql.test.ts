import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSearchStore, type SearchStore } from './testing/searchStore.js';
import { SEARCH_SQL } from './searchSql.js';

let store: SearchStore;

beforeEach(() => {
  store = openSearchStore();
  store.publish([{ id: 'a', title: '电子阅报栏', body: ['社区'] }]);
  store.readerDb.exec(SEARCH_SQL.vocabulary);
});

afterEach(() => store.close());

function plan(sql: string): string {
  const parameters = {
    now: 0,
    rowid: 0,
    limit: 1,
    need: 1,
    floor: 0,
    expression: '"x"',
    rowids: '[]',
    t0: 'x',
    t1: 'y',
  };
  const statement = store.readerDb.prepare(`EXPLAIN QUERY PLAN ${sql}`);
  const uses = (name: string) => statement.source.includes(`@${name}`);
  const named = Object.fromEntries(Object.entries(parameters).filter(([name]) => uses(name)));
  const positional = sql.includes('?') ? ['"x"', 1] : [];
  return (statement.all(...positional, ...(Object.keys(named).length ? [named] : [])) as { detail: string }[])
    .map((row) => row.detail)
    .join('\n');
}

describe('search query plans', () => {
  it('reads match lists newest first straight from the indexes, never sorting them', () => {
    for (const sql of [
      SEARCH_SQL.newestMatches,
      SEARCH_SQL.newestTitleMatches,
      SEARCH_SQL.shownTitleMatches,
      SEARCH_SQL.narrowed(2),
    ]) {
      const detail = plan(sql);
      expect(detail, sql).toMatch(/VIRTUAL TABLE INDEX/);
      expect(detail, sql).not.toMatch(/TEMP B-TREE/);
    }
  });

  it('reads the newest folded texts by their key, and every candidate by its key', () => {
    expect(plan(SEARCH_SQL.scan(2))).toMatch(/SEARCH search_text USING INTEGER PRIMARY KEY \(rowid>\?\)/);
    expect(plan(SEARCH_SQL.scan(2))).not.toMatch(/TEMP B-TREE/);
    expect(plan(SEARCH_SQL.counts(2))).toMatch(/SEARCH search_text USING INTEGER PRIMARY KEY \(rowid=\?\)/);
    expect(plan(SEARCH_SQL.shownItem)).toMatch(/SEARCH items USING INTEGER PRIMARY KEY/);
    expect(plan(SEARCH_SQL.span)).not.toMatch(/SCAN search_text/);
  });
});
