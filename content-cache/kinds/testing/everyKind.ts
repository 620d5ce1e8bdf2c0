/**
 * Test support: a pack holding every kind, with the links between them, and media of every role.
 * Times are relative to NOW so tests can put the clock before, inside and after each window.
 */
import type { BlobRef } from '../../../common/kinds/base.js';
import { BOOK_CHAPTER_MEDIA_TYPE } from '../../../common/kinds/book.js';
import { BODY_MEDIA_TYPES, PACK_FORMAT_V2, type PackItem, type PackItemOfKind } from '../../../common/pack.js';
import { sha256Hex } from '../../../content-format/hash.js';
import type { BuiltPack } from '../../../content-format/pack/build.js';

const HOUR = 3600_000;
/**
 * The start of the current hour: close to the real clock, because a pack import publishes at the
 * real time and the reader never judges windows earlier than the last publish.
 */
export const NOW = new Date(Math.floor(Date.now() / HOUR) * HOUR);
export const at = (hours: number): string => new Date(NOW.getTime() + hours * HOUR).toISOString();

export class TestBlobs {
  readonly map = new Map<string, Buffer>();

  add(content: string | Buffer, mediaType: string): BlobRef {
    const bytes = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
    const ref = { sha256: sha256Hex(bytes), size: bytes.length, mediaType };
    this.map.set(ref.sha256, bytes);
    return ref;
  }

  json(value: unknown, mediaType: string): BlobRef {
    return this.add(JSON.stringify(value), mediaType);
  }
}

const common = (id: string, title: string, publishedAt = '2025-03-01') => ({
  id,
  title,
  source: '测试日报',
  section: '要闻',
  language: 'zh-CN' as const,
  publishedAt,
  summary: `${title}摘要`,
});

const square = (size: number): [number, number][] => [
  [0, 0],
  [size, 0],
  [size, size],
  [0, size],
];

/** The items of every kind; `blobs` receives their bodies and media. */
export function everyKindItems(blobs: TestBlobs): PackItem[] {
  const png = (label: string) => blobs.add(`PNG ${label}`, 'image/png');
  const page1 = png('page 1');
  const page8 = png('page 8');
  const pdf = blobs.add('%PDF-1.7 page 8', 'application/pdf');
  const backPage = png('back issue page');
  const article = (id: string, title: string, body: object, extra: Partial<PackItemOfKind<'article'>> = {}) =>
    ({
      ...common(id, title),
      kind: 'article',
      body: blobs.json(body, BODY_MEDIA_TYPES.article),
      ...extra,
    }) satisfies PackItemOfKind<'article'>;

  const photo = png('photo');
  const poster = png('poster');
  const film = blobs.add('MP4 film', 'video/mp4');
  const captions = blobs.add('WEBVTT\n', 'text/vtt');
  const cover = png('cover');
  const figure = png('figure');
  const chapter1 = blobs.json(
    { title: '第一章 出发', paragraphs: ['清晨出发。'], images: [{ sha256: figure.sha256, width: 10, height: 10 }] },
    BOOK_CHAPTER_MEDIA_TYPE,
  );
  const chapter2 = blobs.json(
    { title: '第二章 到达', paragraphs: ['傍晚到达。'], images: [] },
    BOOK_CHAPTER_MEDIA_TYPE,
  );

  return [
    article(
      'lead',
      '头版头条',
      {
        paragraphs: ['头条正文。', '（下转08版）'],
        edition: {
          editionId: 'daily-0301',
          page: 1,
          continuations: [{ fromPage: 1, toPage: 8, label: '下转08版', backLabel: '上接01版' }],
        },
      },
      { priority: 5 },
    ),
    article('second', '二条', {
      paragraphs: ['二条正文。'],
      edition: { editionId: 'daily-0301', page: 1, continuations: [] },
    }),
    article(
      'back',
      '昨日头条',
      { paragraphs: ['昨日正文。'], edition: { editionId: 'daily-0228', page: 1, continuations: [] } },
      { publishedAt: '2025-02-28' },
    ),
    article(
      'photo-story',
      '图片新闻',
      {
        paragraphs: ['配图正文。'],
        author: '记者甲',
        images: [{ sha256: photo.sha256, width: 40, height: 30, alt: '江边' }],
      },
      { thumbnail: { sha256: photo.sha256, width: 40, height: 30 }, media: [photo] },
    ),
    article('stale', '过期快讯', { paragraphs: ['已经过期。'] }, { expiresAt: at(-1) }),
    {
      ...common('daily-0301', '测试日报 3月1日'),
      kind: 'edition',
      body: blobs.json(
        {
          pages: [
            {
              number: 1,
              label: '01',
              name: '要闻',
              width: 1000,
              height: 1500,
              image: { sha256: page1.sha256 },
              text: '头版头条 二条',
              regions: [
                { articleId: 'lead', polygon: square(500) },
                {
                  articleId: 'second',
                  polygon: [
                    [0, 600],
                    [1000, 600],
                    [1000, 1500],
                  ],
                },
              ],
            },
            {
              number: 8,
              label: '08',
              width: 1000,
              height: 1500,
              image: { sha256: page8.sha256 },
              pdf: { file: { sha256: pdf.sha256 }, pageIndex: 7 },
              regions: [{ articleId: 'lead', polygon: square(300) }],
            },
          ],
        },
        BODY_MEDIA_TYPES.edition,
      ),
      media: [page1, page8, pdf],
      publication: { id: 'daily', title: '测试日报', kind: 'newspaper' },
      issueDate: '2025-03-01',
      issueLabel: '第100期',
      cover: { sha256: page1.sha256, width: 1000, height: 1500 },
    },
    {
      ...common('daily-0228', '测试日报 2月28日', '2025-02-28'),
      kind: 'edition',
      body: blobs.json(
        {
          pages: [
            {
              number: 1,
              label: '01',
              width: 800,
              height: 1200,
              image: { sha256: backPage.sha256 },
              regions: [{ articleId: 'back', polygon: square(100) }],
            },
          ],
        },
        BODY_MEDIA_TYPES.edition,
      ),
      media: [backPage],
      publication: { id: 'daily', title: '测试日报', kind: 'newspaper' },
      issueDate: '2025-02-28',
    },
    {
      ...common('monthly-03', '社区月刊 3月号'),
      kind: 'edition',
      body: blobs.json(
        {
          pages: [
            {
              number: 1,
              label: '1',
              width: 600,
              height: 800,
              pdf: { file: { sha256: pdf.sha256 }, pageIndex: 0 },
              regions: [],
            },
          ],
        },
        BODY_MEDIA_TYPES.edition,
      ),
      media: [pdf],
      publication: { id: 'monthly', title: '社区月刊', kind: 'periodical' },
      issueDate: '2025-03-01',
      issueLabel: '2025年第3期',
    },
    {
      ...common('film', '江边的清晨'),
      kind: 'video',
      body: blobs.json(
        {
          description: ['一段两分钟的短片。'],
          file: { sha256: film.sha256, width: 1920, height: 1080 },
          captions: [{ language: 'zh-CN', label: '中文字幕', file: { sha256: captions.sha256 } }],
        },
        BODY_MEDIA_TYPES.video,
      ),
      media: [poster, film, captions],
      durationSeconds: 120,
      poster: { sha256: poster.sha256, width: 320, height: 180 },
    },
    {
      ...common('column', '学习专栏'),
      kind: 'study-column',
      body: blobs.json(
        {
          description: ['专栏说明。'],
          entries: [{ itemId: 'photo-story', note: '先读这篇' }, { itemId: 'film' }, { itemId: 'stale' }],
        },
        BODY_MEDIA_TYPES['study-column'],
      ),
    },
    {
      ...common('quiz', '每日答题'),
      kind: 'quiz-bank',
      body: blobs.json(
        {
          description: ['四种题型。'],
          questions: [
            {
              id: 'q1',
              type: 'single',
              prompt: '头条在第几版？',
              options: [
                { id: 'A', text: '第一版' },
                { id: 'B', text: '第二版' },
              ],
              answer: 'A',
              explanation: '头条在头版。',
              tags: ['报纸'],
              sourceItemId: 'lead',
            },
            {
              id: 'q2',
              type: 'multiple',
              prompt: '哪些是视频的部分？',
              options: [
                { id: 'A', text: '海报' },
                { id: 'B', text: '字幕' },
                { id: 'C', text: '邮票' },
              ],
              answers: ['A', 'B'],
              explanation: '视频有海报和字幕。',
              tags: ['视频'],
            },
            {
              id: 'q3',
              type: 'true-false',
              prompt: '月刊是期刊。',
              answer: true,
              explanation: '是。',
              tags: ['报纸', '期刊'],
            },
            {
              id: 'q4',
              type: 'fill-in',
              prompt: '头条下转____版。',
              blanks: [{ accepted: ['08', '8'] }],
              explanation: '下转08版。',
              tags: [],
            },
          ],
        },
        BODY_MEDIA_TYPES['quiz-bank'],
      ),
    },
    {
      ...common('novel', '江城旧事'),
      kind: 'book',
      body: blobs.json(
        {
          publisher: '测试出版社',
          description: ['一部小说。'],
          continueUrl: 'https://books.example/novel',
          chapters: [
            { id: 'c1', title: '第一章 出发', depth: 0, chapter: { sha256: chapter1.sha256 } },
            { id: 'c2', title: '第二章 到达', depth: 0, chapter: { sha256: chapter2.sha256 } },
          ],
        },
        BODY_MEDIA_TYPES.book,
      ),
      media: [cover, figure, chapter1, chapter2],
      author: '作者乙',
      cover: { sha256: cover.sha256, width: 300, height: 400 },
    },
    notice('notice-now', '停水通知', { validFrom: at(-24), validUntil: at(24), emergency: false }),
    notice('notice-pinned', '置顶通知', { validFrom: at(-48), emergency: false }, 3),
    notice('notice-alarm', '暴雨红色预警', { validFrom: at(-1), validUntil: at(6), emergency: true }),
    notice('notice-later', '下周停电', { validFrom: at(48), validUntil: at(72), emergency: false }),
    notice('notice-over', '上周义诊', { validFrom: at(-200), validUntil: at(-100), emergency: false }),
  ];

  function notice(
    id: string,
    title: string,
    window: Pick<PackItemOfKind<'notice'>, 'validFrom' | 'validUntil' | 'emergency'>,
    priority?: number,
  ): PackItemOfKind<'notice'> {
    return {
      ...common(id, title),
      section: '通知',
      kind: 'notice',
      body: blobs.json({ paragraphs: [`${title}正文。`] }, BODY_MEDIA_TYPES.notice),
      ...window,
      ...(priority === undefined ? {} : { priority }),
    };
  }
}

export function everyKindPack(): BuiltPack {
  const blobs = new TestBlobs();
  const items = everyKindItems(blobs);
  return {
    manifest: { format: PACK_FORMAT_V2, version: 'every-kind-1', createdAt: NOW.toISOString(), items },
    blobs: blobs.map,
  };
}
