import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { builtinDemoArticles, demoArticles, seedArticles } from './index.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'newsboard-seeds-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function sharedDirWith(files: Record<string, string>): string {
  const shared = mkdtempSync(path.join(scratch, 'shared-'));
  mkdirSync(path.join(shared, 'seeds'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(shared, 'seeds', name), text);
  return shared;
}

describe('demoArticles', () => {
  it('falls back to the built-in set without a shared directory', () => {
    expect(demoArticles(undefined)).toEqual({ articles: builtinDemoArticles, origin: 'builtin' });
    expect(demoArticles(path.join(scratch, 'missing')).origin).toBe('builtin');
  });

  it('uses the seeds when <sharedDir>/seeds holds them', () => {
    const shared = sharedDirWith({
      '000_test.txt': '东风台 消息 ： 东风 街道 3 月 5 日 启用 阅报栏 。\n居民 纷纷 前来 读报 。\n',
      'README.md': '# not a seed',
      '999_unknown.txt': '不认识的文件',
    });
    const { articles, origin } = demoArticles(shared);
    expect(origin).toBe('seeds');
    expect(articles.map((a) => [a.id, a.title, a.paragraphs])).toEqual([
      ['seed-000', '东风街道启用阅报栏', ['东风台消息：东风街道3月5日启用阅报栏。', '居民纷纷前来读报。']],
    ]);
  });

  it('uses the built-in set when the seeds directory holds no known seed', () => {
    expect(demoArticles(sharedDirWith({ 'README.md': '# empty' })).origin).toBe('builtin');
  });

  it('returns a copy that callers may change without touching the built-in set', () => {
    const { articles } = demoArticles(undefined);
    articles.pop();
    expect(demoArticles(undefined).articles).toHaveLength(builtinDemoArticles.length);
  });
});

describe('seedArticles', () => {
  it('throws a clear error for an unreadable directory', () => {
    const missing = path.join(scratch, 'nowhere');
    expect(() => seedArticles(missing)).toThrow(`cannot read seed directory ${missing}`);
  });
});
