import { describe, expect, it } from 'vitest';
import type { EditionPage } from '../../common/kinds/edition.js';
import { joinContinuations } from './continuations.js';
import type { EditionArticle } from './convert.js';

function story(id: string, page: number, paragraphs: string[]): EditionArticle {
  return {
    id,
    title: paragraphs[0] ?? '',
    summary: '',
    body: { paragraphs, edition: { editionId: 'e', page, continuations: [] } },
  };
}

function page(number: number, articleIds: string[]): EditionPage {
  const polygon: [number, number][] = [
    [0, 0],
    [10, 0],
    [10, 10],
  ];
  return {
    number,
    label: String(number),
    width: 100,
    height: 100,
    regions: articleIds.map((articleId) => ({ articleId, polygon })),
  };
}

describe('joinContinuations', () => {
  it('joins a story that jumps to another page into one article opened from both pages', () => {
    const pages = [page(1, ['a', 'b']), page(2, ['c']), page(8, ['d', 'e'])];
    const articles = joinContinuations(pages, [
      story('a', 1, ['老旧小区加装电梯', '今年将完成三十台电梯的安装。（下转 08 版）']),
      story('b', 1, ['天气预报：明天多云转晴。']),
      story('c', 2, ['（下转第9版）没有第九版。']),
      story('d', 8, ['菜价平稳。']),
      story('e', 8, ['（上接01版）居民代表表示，电梯让高层老人出门方便多了。']),
    ]);
    expect(articles.map((a) => a.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(articles[0]?.body.paragraphs).toEqual([
      '老旧小区加装电梯',
      '今年将完成三十台电梯的安装。（下转 08 版）',
      '（上接01版）居民代表表示，电梯让高层老人出门方便多了。',
    ]);
    expect(articles[0]?.body.edition?.continuations).toEqual([
      { fromPage: 1, toPage: 8, label: '下转08版', backLabel: '上接01版' },
    ]);
    expect(pages[2]?.regions.map((r) => r.articleId)).toEqual(['d', 'a']);
    // A jump to a page the edition does not have links nowhere.
    expect(articles[2]?.body.edition?.continuations).toEqual([]);
  });

  it('records a jump whose other half it cannot find, so the reader can still offer the page', () => {
    const pages = [page(1, ['a']), page(2, ['b'])];
    const [first] = joinContinuations(pages, [story('a', 1, ['……（下转2版）']), story('b', 2, ['别的新闻。'])]);
    expect(first?.body.edition?.continuations).toEqual([{ fromPage: 1, toPage: 2, label: '下转2版' }]);
  });
});
