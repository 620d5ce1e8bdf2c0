import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSearchStore, type SearchStore, type TestArticle } from './testing/searchStore.js';

let store: SearchStore;
const ids = (hits: readonly { id: string }[]) => hits.map((hit) => hit.id);
const day = (n: number) => new Date(Date.UTC(2025, 0, 1) + n * 86_400_000).toISOString();

/**
 * More items than the short path reads directly (1,000), so that terms found only in older items
 * must be found through the trigram index's vocabulary, or by reading on when that would not do.
 */
beforeAll(() => {
  store = openSearchStore();
  const recent: TestArticle[] = Array.from({ length: 1100 }, (_, i) => ({
    id: `recent-${i}`,
    title: `第${i}期社区简报`,
    body: ['居民议事会讨论了垃圾分类。'],
    publishedAt: day(100 + i / 100),
  }));
  // 鄂 follows with more different characters than the index's vocabulary is asked to list.
  const manyFollowers = Array.from({ length: 600 }, (_, i) => `鄂${String.fromCodePoint(0x4e00 + i)}`).join('，');
  store.publish([
    ...recent,
    { id: 'old-rare', title: '旧闻', body: ['湖北襄阳的新闻'], publishedAt: day(1) },
    { id: 'old-rare-end', title: '旧闻二', body: ['结尾是襄'], publishedAt: day(2) },
    { id: 'old-common', title: '旧闻三', body: [manyFollowers], publishedAt: day(3) },
    { id: 'old-title', title: '襄阳', body: ['正文'], publishedAt: day(0) },
  ]);
});

afterAll(() => store.close());

describe('short queries beyond the newest items', () => {
  it('finds a term that only older items hold, at the end of a text too, title matches first', () => {
    expect(ids(store.search('襄阳'))).toEqual(['old-title', 'old-rare']);
    expect(ids(store.search('襄'))).toEqual(['old-title', 'old-rare-end', 'old-rare']);
  });

  it('finds a term that older items hold too often to look up trigram by trigram', () => {
    expect(ids(store.search('鄂'))).toEqual(['old-common']);
    expect(ids(store.search('鄂一'))).toEqual(['old-common']);
  });

  it('combines several short terms, and finds nothing for a term nothing holds', () => {
    expect(ids(store.search('襄 新闻'))).toEqual(['old-rare']);
    expect(ids(store.search('襄 简报'))).toEqual([]);
    expect(store.search('鷗')).toEqual([]);
  });

  it('lists newest items first when a common term fills the page from the newest items', () => {
    expect(ids(store.search('议事', 3))).toEqual(['recent-1099', 'recent-1098', 'recent-1097']);
  });
});
