import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { builtinDemoArticles } from './index.js';
import { hardWrapFragments, SPACE_BY_CJK, summaryStartsBody, validateArticle } from './test-support.js';

const seedsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..', '../shared/seeds');

describe('builtinDemoArticles', () => {
  it('holds 6 to 8 articles, mostly simplified Chinese, with some traditional and one English', () => {
    expect(builtinDemoArticles.length).toBeGreaterThanOrEqual(6);
    expect(builtinDemoArticles.length).toBeLessThanOrEqual(8);
    const count = (language: string): number => builtinDemoArticles.filter((a) => a.language === language).length;
    expect(count('zh-CN')).toBeGreaterThan(builtinDemoArticles.length / 2);
    expect(count('zh-TW')).toBeGreaterThanOrEqual(1);
    expect(count('en')).toBe(1);
  });

  it('validates against the content schemas with unique ids', () => {
    for (const article of builtinDemoArticles) expect(() => validateArticle(article), article.id).not.toThrow();
    expect(new Set(builtinDemoArticles.map((a) => a.id)).size).toBe(builtinDemoArticles.length);
  });

  it('is clean text: summaries from the body, no stray spaces, no broken paragraphs', () => {
    for (const article of builtinDemoArticles) {
      expect(summaryStartsBody(article), article.id).toBe(true);
      expect(hardWrapFragments(article.paragraphs), article.id).toEqual([]);
      if (article.language !== 'en') expect(article.paragraphs.join('\n'), article.id).not.toMatch(SPACE_BY_CJK);
    }
  });

  it.skipIf(!existsSync(seedsDir))('shares no sentence with the seed texts', () => {
    const seeds = readdirSync(seedsDir)
      .filter((name) => name.endsWith('.txt'))
      .map((name) => readFileSync(path.join(seedsDir, name), 'utf8').replace(/\s+/gu, ''))
      .join('\n');
    for (const paragraph of builtinDemoArticles.flatMap((a) => a.paragraphs)) {
      const chars = [...paragraph];
      for (let i = 0; i + 12 <= chars.length; i++) expect(seeds).not.toContain(chars.slice(i, i + 12).join(''));
    }
  });
});
