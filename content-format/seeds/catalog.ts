/**
 * The seed files and what the code knows about each that its text does not say: who published
 * it, when, in which section and script, and which parser reads its layout. Files are matched by
 * their number prefix ("000_…txt") so that the hash part of the name may change.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Language } from '../../common/content.js';
import { summarize, type DemoArticle, type ParsedArticle } from './article.js';
import { parseNewspaperPage } from './newspaper.js';
import { parsePortalPage } from './portal.js';
import { parseNewsReport } from './report.js';
import { parseSpeech } from './speech.js';
import { parseWikiPage } from './wiki.js';

interface SeedEntry {
  prefix: string;
  id: string;
  /** A newspaper page holds several articles; they get ids `<id>-a1`, `<id>-a2`… in page order. */
  numbered: boolean;
  parse: (text: string) => ParsedArticle[];
  source: string;
  section: string;
  language: Language;
  publishedAt: string;
}

const SEEDS: readonly SeedEntry[] = [
  {
    prefix: '000',
    id: 'seed-000',
    numbered: false,
    parse: parseNewsReport,
    source: '央视网（新闻联播）',
    section: '要闻',
    language: 'zh-CN',
    publishedAt: '2019-01-25',
  },
  {
    prefix: '001',
    id: 'seed-001-p1',
    numbered: true,
    parse: parseNewspaperPage,
    source: '人民日报',
    section: '要闻',
    language: 'zh-CN',
    publishedAt: '2019-01-26',
  },
  {
    prefix: '002',
    id: 'seed-002',
    numbered: false,
    parse: parseSpeech,
    source: '理论学习中心组',
    section: '学习',
    language: 'zh-CN',
    // Undated; it cites the 14th five-year plan proposals (late 2020), so the speech is from 2021.
    publishedAt: '2021-03-01',
  },
  {
    prefix: '003',
    id: 'seed-003',
    numbered: false,
    parse: parseWikiPage,
    source: '維基百科',
    section: '媒体融合',
    language: 'zh-TW',
    // The meeting was on 7月3日 of the year the centre opened (2020年1月20日 in the text).
    publishedAt: '2020-07-03',
  },
  {
    prefix: '004',
    id: 'seed-004',
    numbered: false,
    parse: parsePortalPage,
    source: '中國鋼鐵新聞網',
    section: '媒体融合',
    language: 'zh-TW',
    publishedAt: '2023-07-07',
  },
];

function readSeed(path: string): string {
  try {
    return readFileSync(path, 'utf8').replace(/^\uFEFF/u, '');
  } catch (error) {
    throw new Error(`cannot read seed file ${path}: ${(error as Error).message}`);
  }
}

/**
 * Reads the seed texts in place and turns them into demo articles. Files the table does not know
 * are ignored, and so are known files that are missing.
 */
export function seedArticles(seedsDir: string): DemoArticle[] {
  let names: string[];
  try {
    names = readdirSync(seedsDir);
  } catch (error) {
    throw new Error(`cannot read seed directory ${seedsDir}: ${(error as Error).message}`);
  }
  return SEEDS.flatMap((seed) => {
    const name = names.filter((n) => n.startsWith(`${seed.prefix}_`) && n.endsWith('.txt')).sort()[0];
    if (name === undefined) return [];
    return seed.parse(readSeed(join(seedsDir, name))).map((parsed, index): DemoArticle => ({
      id: seed.numbered ? `${seed.id}-a${index + 1}` : seed.id,
      title: parsed.title,
      source: parsed.source ?? seed.source,
      section: seed.section,
      language: seed.language,
      publishedAt: parsed.publishedAt ?? seed.publishedAt,
      summary: summarize(parsed.paragraphs),
      paragraphs: parsed.paragraphs,
    }));
  });
}
