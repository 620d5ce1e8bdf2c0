/**
 * Demo content of every kind beside the plain article, derived from the demo articles: today's
 * paper as an edition (the seed newspaper page laid out as a page image with its stories as tap
 * regions, and the page its lead story jumps to), a study column, a quiz bank whose facts come from
 * the seed texts, and community notices.
 */
import { sha256Hex } from '../hash.js';
import type { Article } from '../../common/content.js';
import type { BlobRef, ImageRef } from '../../common/kinds/base.js';
import type { Continuation, EditionBody, EditionPage } from '../../common/kinds/edition.js';
import type { QuizQuestion } from '../../common/kinds/quiz.js';
import { BODY_MEDIA_TYPES, type PackItem, type PackItemOfKind } from '../../common/pack.js';
import type { DemoArticle } from './article.js';
import { DEMO_NOTICES, DEMO_QUESTIONS } from './demoKindsText.js';
import { layOutPage, PAGE_HEIGHT, PAGE_WIDTH, type PageStory } from './demoPage.js';

export interface DemoKinds {
  /** The edition's stories as articles with their placement, then the other kinds. */
  items: PackItem[];
  blobs: Map<string, Buffer>;
  /** Demo articles that are published here, placed in the edition, rather than as plain articles. */
  placedArticleIds: ReadonlySet<string>;
}

class Blobs {
  readonly map = new Map<string, Buffer>();

  add(bytes: Buffer, mediaType: string): BlobRef {
    const ref = { sha256: sha256Hex(bytes), size: bytes.length, mediaType };
    this.map.set(ref.sha256, bytes);
    return ref;
  }

  json(value: unknown, mediaType: string): BlobRef {
    return this.add(Buffer.from(JSON.stringify(value), 'utf8'), mediaType);
  }
}

/** "（下转08版）": the seed parser keeps the note as the story's last paragraph. */
const JUMP = /^[（(](?:下转|下轉)第?(\d{1,3})版[)）]$/u;
/** Seed newspaper stories are numbered `<seed>-p<page>-a<n>` (content-format/seeds/catalog.ts). */
const PAGED = /-p(\d{1,3})-a\d+$/u;

const pageLabel = (page: number): string => String(page).padStart(2, '0');

function chineseDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  const weekday = '日一二三四五六'[new Date(`${isoDate}T00:00:00Z`).getUTCDay()];
  return `${year}年${month}月${day}日 星期${weekday}`;
}

interface Masthead {
  editionId: string;
  publicationId: string;
  title: string;
}

/** The edition: the paged stories' first page, plus each page a story jumps to ("下转08版"). */
function demoEdition(stories: readonly DemoArticle[], masthead: Masthead, blobs: Blobs) {
  const lead = stories[0] as DemoArticle;
  const issueDate = lead.publishedAt.slice(0, 10);
  const first = Number(PAGED.exec(lead.id)?.[1] ?? 1);
  const { editionId } = masthead;
  const jumps = new Map<string, Continuation>();
  for (const story of stories) {
    const to = Number(JUMP.exec(story.paragraphs.at(-1) ?? '')?.[1] ?? 0);
    if (to > first) {
      jumps.set(story.id, {
        fromPage: first,
        toPage: to,
        label: `下转${pageLabel(to)}版`,
        backLabel: `上接${pageLabel(first)}版`,
      });
    }
  }
  const pageStories = new Map<number, PageStory[]>([
    [first, stories.map((s) => ({ id: s.id, headline: s.title, body: s.paragraphs.join('') }))],
  ]);
  for (const [id, jump] of jumps) {
    const story = stories.find((s) => s.id === id) as DemoArticle;
    const list = pageStories.get(jump.toPage) ?? [];
    list.push({ id, headline: `（${jump.backLabel}）${story.title}`, body: '本版其余内容未收入演示。' });
    pageStories.set(jump.toPage, list);
  }
  const media: BlobRef[] = [];
  const pages: EditionPage[] = [...pageStories].map(([number, onPage]) => {
    const name = number === first ? lead.section : '';
    const { svg, regions } = layOutPage(
      masthead.title,
      chineseDate(issueDate),
      `第${pageLabel(number)}版　${name}`,
      onPage,
    );
    const image = blobs.add(svg, 'image/svg+xml');
    media.push(image);
    return {
      number,
      label: pageLabel(number),
      ...(name ? { name } : {}),
      width: PAGE_WIDTH,
      height: PAGE_HEIGHT,
      image: { sha256: image.sha256 },
      regions,
    };
  });
  const body: EditionBody = { pages };
  const cover: ImageRef = {
    sha256: (media[0] as BlobRef).sha256,
    width: PAGE_WIDTH,
    height: PAGE_HEIGHT,
    alt: `${masthead.title}第${pageLabel(first)}版`,
  };
  const edition: PackItemOfKind<'edition'> = {
    id: editionId,
    kind: 'edition',
    title: `${masthead.title} ${chineseDate(issueDate).split(' ')[0]}`,
    source: masthead.title,
    section: '报纸',
    language: lead.language,
    publishedAt: issueDate,
    summary: stories
      .map((s) => s.title)
      .join('；')
      .slice(0, 200),
    body: blobs.json(body, BODY_MEDIA_TYPES.edition),
    media,
    publication: { id: masthead.publicationId, title: masthead.title, kind: 'newspaper' },
    issueDate,
    cover,
  };
  const articles = stories.map((story): PackItemOfKind<'article'> => {
    const { paragraphs, ...summary } = story;
    const jump = jumps.get(story.id);
    const articleBody: Pick<Article, 'paragraphs' | 'edition'> = {
      paragraphs,
      edition: { editionId, page: first, continuations: jump ? [jump] : [] },
    };
    return { ...summary, kind: 'article', body: blobs.json(articleBody, BODY_MEDIA_TYPES.article) };
  });
  return [...articles, edition];
}

/** The start of the build day (UTC): notices built on the same day are the same, so the pack version is too. */
function dayStart(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

export function demoKinds(articles: readonly DemoArticle[], now: Date): DemoKinds {
  const blobs = new Blobs();
  const ids = new Set(articles.map((a) => a.id));
  const paged = articles.filter((a) => PAGED.test(a.id));
  // Without the seed newspaper page, the built-in articles make a community bulletin.
  const stories = paged.length > 0 ? paged : articles.slice(0, 4);
  const masthead: Masthead =
    paged[0] !== undefined
      ? {
          editionId: `${paged[0].id.replace(PAGED, '')}-edition`,
          publicationId: paged[0].id.replace(PAGED, ''),
          title: paged[0].source,
        }
      : { editionId: 'demo-bulletin-edition', publicationId: 'demo-bulletin', title: '社区简报' };
  const items: PackItem[] = stories.length > 0 ? demoEdition(stories, masthead, blobs) : [];

  const studied = articles.filter((a) => a.section === '学习' || a.section === '媒体融合');
  if (studied.length > 0) {
    const body = {
      description: ['围绕媒体融合与学习平台的报道和发言，按时间顺序排列。'],
      entries: studied.map((a) => ({ itemId: a.id })),
    };
    items.push({
      id: 'demo-study-media',
      kind: 'study-column',
      title: '学习专栏：推动媒体融合向纵深发展',
      source: '阅报栏编辑部',
      section: '学习',
      language: 'zh-CN',
      publishedAt: dayStart(now).toISOString().slice(0, 10),
      summary: body.description[0] as string,
      body: blobs.json(body, BODY_MEDIA_TYPES['study-column']),
    });
  }

  const questions = DEMO_QUESTIONS.map(({ question, sourceItemId }): QuizQuestion =>
    sourceItemId !== undefined && ids.has(sourceItemId) ? { ...question, sourceItemId } : question,
  );
  items.push({
    id: 'demo-quiz-media',
    kind: 'quiz-bank',
    title: '每日答题：媒体融合与学习平台',
    source: '阅报栏编辑部',
    section: '学习',
    language: 'zh-CN',
    publishedAt: dayStart(now).toISOString().slice(0, 10),
    summary: `${questions.length}道题，单选、多选、判断、填空`,
    body: blobs.json(
      { description: ['题目取材于本栏报道和发言，答完可以查看解析。'], questions },
      BODY_MEDIA_TYPES['quiz-bank'],
    ),
  });

  const from = dayStart(now);
  const until = new Date(from.getTime() + 30 * 24 * 3600 * 1000);
  for (const notice of DEMO_NOTICES) {
    items.push({
      ...notice.item,
      kind: 'notice',
      language: 'zh-CN',
      publishedAt: from.toISOString().slice(0, 10),
      summary: notice.paragraphs[0] as string,
      validFrom: from.toISOString(),
      validUntil: until.toISOString(),
      emergency: false,
      body: blobs.json({ paragraphs: notice.paragraphs }, BODY_MEDIA_TYPES.notice),
    });
  }
  return { items, blobs: blobs.map, placedArticleIds: new Set(stories.map((s) => s.id)) };
}
