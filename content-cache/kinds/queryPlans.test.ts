import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_SQL } from './itemReader.js';
import { LIST_SQL } from './listReader.js';
import { everyKindPack } from './testing/everyKind.js';
import { openTestStore, type TestStore } from './testing/store.js';

let store: TestStore;

beforeAll(() => {
  store = openTestStore();
  store.publish(everyKindPack());
});

afterAll(() => store.close());

function plan(sql: string, params: unknown): string {
  return (store.writerDb.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[])
    .map((row) => row.detail)
    .join('\n');
}

const now = Date.now();

describe("the reader's hot queries, as prepared", () => {
  it('read the home list of one kind in index order, stopping at the limit', () => {
    const detail = plan(LIST_SQL.kind, { kind: 'article', section: null, now, limit: 20 });
    expect(detail).toMatch(/SEARCH items USING INDEX items_kind_list \(kind=\?\)/);
    expect(detail).not.toMatch(/TEMP B-TREE/i);
    // The "newest row of this id" check is a lookup, not a scan.
    expect(detail).toMatch(/USING (COVERING )?INDEX items_id/);
  });

  it('read the active notices in display order from their partial index', () => {
    const detail = plan(LIST_SQL.notices, { now, limit: 20 });
    expect(detail).toMatch(/SCAN items USING INDEX items_notices/);
    expect(detail).not.toMatch(/TEMP B-TREE/i);
  });

  it("read a publication's back issues newest first without sorting", () => {
    const detail = plan(LIST_SQL.issues, { publicationId: 'daily', now, limit: 20 });
    expect(detail).toContain('editions_publication');
    expect(detail).not.toMatch(/TEMP B-TREE/i);
  });

  it("read an edition's pages and regions by primary key, in order", () => {
    for (const sql of [PAGE_SQL.pages, PAGE_SQL.regions]) {
      const detail = plan(sql, [1]);
      expect(detail).toMatch(/SEARCH edition_(pages|regions) USING PRIMARY KEY \(item_row=\?\)/);
      expect(detail).not.toMatch(/TEMP B-TREE/i);
    }
  });
});
