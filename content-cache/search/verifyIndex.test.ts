import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSearchStore, type SearchStore } from './testing/searchStore.js';
import { searchIndexFaults } from './verifyIndex.js';

let store: SearchStore;

beforeEach(() => {
  store = openSearchStore();
  store.publish([
    { id: 'a', title: '停水通知', body: ['周三上午停水。'] },
    { id: 'b', title: '社区义诊', body: ['周六上午义诊。'] },
  ]);
});

afterEach(() => store.close());

describe('searchIndexFaults', () => {
  it('finds nothing wrong with the indexes as publishing left them', () => {
    expect(searchIndexFaults(store.writerDb)).toEqual([]);
  });

  it('reports an index that no longer matches the folded text it indexes', () => {
    store.writerDb
      .prepare("UPDATE search_text SET body_text = '别的正文' WHERE row_id = (SELECT min(row_id) FROM items)")
      .run();
    expect(searchIndexFaults(store.writerDb)).toEqual([expect.stringMatching(/^search index items_fts: /)]);
  });

  it('reports an item neither indexed nor queued, and folded text left of a deleted item', () => {
    store.writerDb.exec('DROP TRIGGER search_forget');
    store.writerDb.prepare("DELETE FROM items WHERE id = 'a'").run();
    store.writerDb.prepare("DELETE FROM search_text WHERE row_id = (SELECT row_id FROM items WHERE id = 'b')").run();
    expect(searchIndexFaults(store.writerDb)).toEqual(
      expect.arrayContaining([
        'search index: 1 item(s) neither indexed nor queued',
        'search index: 1 indexed text(s) of deleted items',
      ]),
    );
  });
});
