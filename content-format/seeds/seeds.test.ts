import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { DemoArticle } from './article.js';
import { seedArticles } from './index.js';
import {
  hardWrapFragments,
  sentenceCoverage,
  SPACE_BY_CJK,
  summaryStartsBody,
  validateArticle,
} from './test-support.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const seedsDir = path.resolve(repoRoot, '../shared/seeds');

function seedText(prefix: string): string {
  const name = readdirSync(seedsDir).find((n) => n.startsWith(`${prefix}_`)) ?? '';
  return readFileSync(path.join(seedsDir, name), 'utf8');
}

function firstLineOf(prefix: string): string {
  return seedText(prefix).split('\n')[0]?.trim() ?? '';
}

function textOf(article: DemoArticle): string {
  return [article.title, article.summary, ...article.paragraphs].join('\n');
}

if (!existsSync(seedsDir)) {
  it.skip('../shared/seeds not present: seed tests skipped', () => {});
} else {
  describe('seedArticles on the real seed texts', () => {
    const articles = seedArticles(seedsDir);
    const byId = new Map(articles.map((a) => [a.id, a]));
    const get = (id: string): DemoArticle => {
      const article = byId.get(id);
      if (!article) throw new Error(`no article ${id}`);
      return article;
    };
    const chinese = articles.filter((a) => a.language !== 'en');

    it('produces the same articles with the same ids on every run', () => {
      expect(articles.map((a) => a.id)).toEqual([
        'seed-000',
        'seed-001-p1-a1',
        'seed-001-p1-a2',
        'seed-001-p1-a3',
        'seed-002',
        'seed-003',
        'seed-004',
      ]);
      expect(seedArticles(seedsDir)).toEqual(articles);
    });

    it('validates every article against the content schemas', () => {
      for (const article of articles) expect(() => validateArticle(article), article.id).not.toThrow();
    });

    it('summarises each article with the start of its body', () => {
      for (const article of articles) {
        expect(summaryStartsBody(article), article.id).toBe(true);
        expect([...article.summary].length, article.id).toBeLessThanOrEqual(81);
      }
    });

    it('leaves no stray space next to a Chinese character', () => {
      for (const article of chinese) expect(textOf(article), article.id).not.toMatch(SPACE_BY_CJK);
    });

    it('leaves no footnote markers, pinyin annotations, undecodable or junk question marks', () => {
      for (const article of chinese) {
        const text = textOf(article);
        expect(text, article.id).not.toMatch(/\[\d+\]/u);
        expect(text, article.id).not.toMatch(/[(（][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*[)）]/u);
        expect(text, article.id).not.toMatch(/[\uE000-\uF8FF\uFFFD]/u);
        expect(text, article.id).not.toContain('?');
      }
    });

    it('leaves no hard-wrapped fragments', () => {
      for (const article of articles) expect(hardWrapFragments(article.paragraphs), article.id).toEqual([]);
    });

    it('loses no body text: every sentence survives, except in page furniture', () => {
      const from = (prefix: string): DemoArticle[] => articles.filter((a) => a.id.startsWith(`seed-${prefix}`));
      expect(sentenceCoverage(seedText('000'), from('000'))).toBe(1);
      expect(sentenceCoverage(seedText('001'), from('001'))).toBeGreaterThanOrEqual(0.9);
      expect(sentenceCoverage(seedText('002'), from('002'))).toBe(1);
    });

    it('000: joins the segmented words and derives a headline from the lead', () => {
      const report = get('seed-000');
      expect(report.title).toBe('中共中央政治局就全媒体时代和媒体融合发展举行第十二次集体学习');
      expect(report.source).toContain('央视网');
      expect(report.publishedAt).toBe('2019-01-25');
      expect(report.paragraphs.join('')).toContain('1月25日');
      expect(report.paragraphs.length).toBeGreaterThan(10);
    });

    it('001: splits the front page into its stories without page furniture', () => {
      const stories = articles.filter((a) => a.id.startsWith('seed-001-'));
      expect(stories).toHaveLength(3);
      for (const story of stories) {
        expect(story.source).toBe('人民日报');
        expect(story.publishedAt).toBe('2019-01-26');
        expect(story.title).not.toMatch(/[。，]$/u);
        const text = textOf(story);
        for (const noise of ['P08', '⊙', '扫码', '左一']) expect(text, story.id).not.toContain(noise);
      }
      expect(get('seed-001-p1-a1').paragraphs.at(-1)).toBe('（下转08版）');
      expect(get('seed-001-p1-a1').title).toContain('媒体融合');
    });

    it('002: takes the title from the first line and splits enumerated points', () => {
      const speech = get('seed-002');
      expect(speech.title).toBe(firstLineOf('002'));
      expect(speech.section).toBe('学习');
      expect(speech.paragraphs.filter((p) => p.startsWith('一是'))).toHaveLength(3);
    });

    it('003: strips the wiki chrome and references and stays traditional', () => {
      const wiki = get('seed-003');
      expect(firstLineOf('003').startsWith(wiki.title)).toBe(true);
      const text = textOf(wiki);
      for (const chrome of ['檢視原始碼', '討論', '檢視歷史', '參考文獻', '↑']) expect(text).not.toContain(chrome);
      expect(wiki.language).toBe('zh-TW');
      expect(text).toContain('融媒體');
      expect(text).not.toContain('融媒体');
    });

    it('004: repairs the mojibake, drops site furniture and reads the date from the page', () => {
      const page = get('seed-004');
      expect(page.title).toContain('學習強國');
      expect(page.publishedAt.startsWith('2023-07-07')).toBe(true);
      expect(page.language).toBe('zh-TW');
      const text = textOf(page);
      for (const junk of ['首頁', '>', '版權所有', 'ICP', '電話', '傳真', '.jpg', '.png', '.gif', '皩']) {
        expect(text).not.toContain(junk);
      }
      expect(text).toContain('。“學習強國”');
      expect(text).not.toContain('学习强国');
    });
  });
}
