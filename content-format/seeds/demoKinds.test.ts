import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { packItemSchema, type PackItem, type PackItemOfKind } from '../../common/pack.js';
import type { EditionBody } from '../../common/kinds/edition.js';
import { builtinDemoArticles } from './builtin.js';
import { seedArticles } from './catalog.js';
import { demoKinds } from './demoKinds.js';
import { DEMO_QUESTIONS } from './demoKindsText.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const seedsDir = path.resolve(repoRoot, '../shared/seeds');
const NOW = new Date('2025-03-05T10:30:00+08:00');

function bodyOf<T>(kinds: ReturnType<typeof demoKinds>, item: PackItem): T {
  return JSON.parse((kinds.blobs.get(item.body.sha256) as Buffer).toString('utf8')) as T;
}

function editionOf(kinds: ReturnType<typeof demoKinds>) {
  const edition = kinds.items.find((item): item is PackItemOfKind<'edition'> => item.kind === 'edition');
  if (!edition) throw new Error('no edition');
  return { edition, body: bodyOf<EditionBody>(kinds, edition) };
}

describe('demo kinds from the built-in articles', () => {
  const kinds = demoKinds(builtinDemoArticles, NOW);

  it('lays the first articles out as a community bulletin, one tap region per story', () => {
    const { edition, body } = editionOf(kinds);
    expect(edition.publication).toEqual({ id: 'demo-bulletin', title: '社区简报', kind: 'newspaper' });
    expect(body.pages).toHaveLength(1);
    const firstFour = builtinDemoArticles.slice(0, 4).map((article) => article.id);
    expect(body.pages[0]?.regions.map((region) => region.articleId).sort()).toEqual([...firstFour].sort());
    expect([...kinds.placedArticleIds]).toEqual(firstFour);
  });

  it('builds items every pack reader accepts, with every blob they name', () => {
    for (const item of kinds.items) {
      packItemSchema.parse(item);
      for (const ref of [item.body, ...(item.media ?? [])]) expect(kinds.blobs.get(ref.sha256)?.length).toBe(ref.size);
    }
    expect(new Set(kinds.items.map((item) => item.kind))).toEqual(
      new Set(['article', 'edition', 'study-column', 'quiz-bank', 'notice']),
    );
  });

  it('opens the notices at the start of the build day for thirty days, so one day builds one version', () => {
    const notices = kinds.items.filter((item): item is PackItemOfKind<'notice'> => item.kind === 'notice');
    expect(notices.length).toBeGreaterThan(0);
    for (const notice of notices) {
      expect(notice.validFrom).toBe('2025-03-05T00:00:00.000Z');
      expect(notice.validUntil).toBe('2025-04-04T00:00:00.000Z');
    }
    expect(demoKinds(builtinDemoArticles, new Date('2025-03-05T23:00:00Z')).items).toEqual(kinds.items);
  });

  it('leaves out question sources that are not in the demo', () => {
    const quiz = kinds.items.find((item) => item.kind === 'quiz-bank') as PackItem;
    const { questions } = bodyOf<{ questions: { sourceItemId?: string }[] }>(kinds, quiz);
    expect(questions.every((question) => question.sourceItemId === undefined)).toBe(true);
  });
});

if (!existsSync(seedsDir)) {
  it.skip('../shared/seeds not present: demo edition and quiz evidence tests skipped', () => {});
} else {
  const seedText = (prefix: string) => {
    const name = readdirSync(seedsDir).find((n) => n.startsWith(`${prefix}_`)) ?? '';
    return readFileSync(path.join(seedsDir, name), 'utf8');
  };

  describe('demo kinds from the seeds', () => {
    const articles = seedArticles(seedsDir);
    const kinds = demoKinds(articles, NOW);

    it('makes seed 001 the front page of 人民日报 with each story a region, and page 8 where the lead continues', () => {
      const { edition, body } = editionOf(kinds);
      expect(edition).toMatchObject({
        title: '人民日报 2019年1月26日',
        issueDate: '2019-01-26',
        publication: { title: '人民日报' },
      });
      const paged = articles.filter((a) => a.id.startsWith('seed-001-p1-')).map((a) => a.id);
      expect(paged.length).toBeGreaterThanOrEqual(3);
      expect(body.pages.map((page) => page.number)).toEqual([1, 8]);
      expect(body.pages[0]?.regions.map((region) => region.articleId)).toEqual(paged);
      expect(body.pages[1]?.regions.map((region) => region.articleId)).toEqual(['seed-001-p1-a1']);
      const lead = kinds.items.find((item) => item.id === 'seed-001-p1-a1') as PackItem;
      expect(bodyOf<{ edition: unknown }>(kinds, lead).edition).toEqual({
        editionId: 'seed-001-edition',
        page: 1,
        continuations: [{ fromPage: 1, toPage: 8, label: '下转08版', backLabel: '上接01版' }],
      });
    });

    it('draws each page as an SVG image holding its headlines, with no script in it', () => {
      const { body } = editionOf(kinds);
      for (const page of body.pages) {
        const svg = (kinds.blobs.get(page.image?.sha256 ?? '') as Buffer).toString('utf8');
        expect(svg).toMatch(new RegExp(`^<svg [^>]*width="${page.width}" height="${page.height}"`));
        expect(svg).not.toMatch(/<script|on\w+=|href=/i);
      }
      const front = (kinds.blobs.get(body.pages[0]?.image?.sha256 ?? '') as Buffer).toString('utf8');
      expect(front).toContain('人民日报');
      expect(front).toContain('媒体融合');
    });

    it('lists the study and media-convergence articles in the study column', () => {
      const column = kinds.items.find((item) => item.kind === 'study-column') as PackItem;
      const { entries } = bodyOf<{ entries: { itemId: string }[] }>(kinds, column);
      expect(entries.map((entry) => entry.itemId)).toEqual(['seed-002', 'seed-003', 'seed-004']);
    });

    it('states only facts found in the seed texts, and cites the seed articles as sources', () => {
      const squeeze = (text: string) => text.replace(/\s/gu, '');
      for (const { question, evidence, sourceItemId } of DEMO_QUESTIONS) {
        expect(squeeze(seedText(evidence.seed)), question.id).toContain(evidence.phrase);
        expect(
          articles.map((a) => a.id),
          question.id,
        ).toContain(sourceItemId);
      }
      const quiz = kinds.items.find((item) => item.kind === 'quiz-bank') as PackItem;
      const { questions } = bodyOf<{ questions: { sourceItemId?: string }[] }>(kinds, quiz);
      expect(questions.map((q) => q.sourceItemId)).toEqual(DEMO_QUESTIONS.map((q) => q.sourceItemId));
    });
  });
}
