import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../content-format/hash.js';
import { FLEET_ORIGIN } from '../contentWriter.js';
import { readMediaBlob } from './media.js';
import { everyKindPack } from './testing/everyKind.js';
import { openTestStore, type TestStore } from './testing/store.js';

let store: TestStore;

beforeEach(() => {
  store = openTestStore();
  store.publish(everyKindPack());
});

afterEach(() => store.close());

const ids = (items: readonly { id: string }[]) => items.map((item) => item.id);

describe('lists', () => {
  it('lists articles only by default, pinned first, then newest, without the expired one', () => {
    expect(ids(store.reader.list())).toEqual(['lead', 'photo-story', 'second', 'back']);
  });

  it('lists the kinds asked for, each with its own list fields', () => {
    const listed = store.reader.list(20, { kinds: ['video', 'book', 'quiz-bank', 'study-column'] });
    expect(ids(listed).sort()).toEqual(['column', 'film', 'novel', 'quiz']);
    expect(listed.find((item) => item.id === 'film')).toMatchObject({
      kind: 'video',
      durationSeconds: 120,
      poster: { width: 320, height: 180 },
    });
    expect(listed.find((item) => item.id === 'novel')).toMatchObject({
      kind: 'book',
      author: '作者乙',
      chapterCount: 2,
    });
    expect(listed.find((item) => item.id === 'quiz')).toMatchObject({ kind: 'quiz-bank', questionCount: 4 });
    expect(listed.find((item) => item.id === 'column')).toMatchObject({ kind: 'study-column', entryCount: 3 });
    expect(ids(store.reader.list(2, { kinds: ['article', 'video'] }))).toEqual(['lead', 'film']);
  });

  it('filters by section', () => {
    expect(ids(store.reader.list(20, { kinds: ['notice'], section: '通知' }))).toEqual([
      'notice-pinned',
      'notice-alarm',
      'notice-now',
    ]);
    expect(store.reader.list(20, { section: '体育' })).toEqual([]);
  });

  it('puts the newest issue of each publication on the shelf, and lists back issues newest first', () => {
    expect(ids(store.reader.editions())).toEqual(['daily-0301', 'monthly-03']);
    expect(store.reader.editions()[0]).toMatchObject({
      publication: { id: 'daily', title: '测试日报', kind: 'newspaper' },
      issueDate: '2025-03-01',
      issueLabel: '第100期',
      pageCount: 2,
    });
    expect(ids(store.reader.editions('daily'))).toEqual(['daily-0301', 'daily-0228']);
    expect(store.reader.editions('weekly')).toEqual([]);
  });
});

describe('items by kind', () => {
  it('reads an edition with its pages, page images, PDF pages and regions', () => {
    const edition = store.reader.item('daily-0301');
    if (edition?.kind !== 'edition') throw new Error('not an edition');
    expect(edition.pages.map((page) => [page.number, page.label, page.name])).toEqual([
      [1, '01', '要闻'],
      [8, '08', undefined],
    ]);
    const [front, eight] = edition.pages;
    expect(front?.regions.map((region) => region.articleId)).toEqual(['lead', 'second']);
    expect(front?.regions[1]?.polygon).toEqual([
      [0, 600],
      [1000, 600],
      [1000, 1500],
    ]);
    expect(eight?.pdf).toEqual({ file: { sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }, pageIndex: 7 });
    expect(eight?.regions).toEqual([{ articleId: 'lead', polygon: expect.any(Array) }]);
    expect(front?.image?.sha256).toBe(edition.cover?.sha256);
  });

  it("reads an edition's story with its page and its jump to page 8", () => {
    const lead = store.reader.item('lead');
    if (lead?.kind !== 'article') throw new Error('not an article');
    expect(lead.edition).toEqual({
      editionId: 'daily-0301',
      page: 1,
      continuations: [{ fromPage: 1, toPage: 8, label: '下转08版', backLabel: '上接01版' }],
    });
    expect(store.reader.article('lead')?.paragraphs).toEqual(['头条正文。', '（下转08版）']);
  });

  it('reads an article with its author, images and list picture', () => {
    const story = store.reader.item('photo-story');
    if (story?.kind !== 'article') throw new Error('not an article');
    expect(story).toMatchObject({ author: '记者甲', images: [{ width: 40, height: 30, alt: '江边' }] });
    expect(story.thumbnail?.sha256).toBe(story.images?.[0]?.sha256);
  });

  it('reads a video with its file and captions, and refuses it through content:article', () => {
    const film = store.reader.item('film');
    if (film?.kind !== 'video') throw new Error('not a video');
    expect(film.file).toMatchObject({ width: 1920, height: 1080 });
    expect(film.captions).toEqual([{ language: 'zh-CN', label: '中文字幕', file: { sha256: expect.any(String) } }]);
    expect(store.reader.article('film')).toBeNull();
  });

  it('reads a study column with its entries in order, leaving out one that has expired', () => {
    const column = store.reader.item('column');
    if (column?.kind !== 'study-column') throw new Error('not a study column');
    expect(column.description).toEqual(['专栏说明。']);
    expect(column.entries.map((entry) => [entry.item.id, entry.item.kind, entry.note])).toEqual([
      ['photo-story', 'article', '先读这篇'],
      ['film', 'video', undefined],
    ]);
  });

  it('reads a quiz bank with its tags, and hands out its questions in order or by tag', () => {
    const bank = store.reader.item('quiz');
    if (bank?.kind !== 'quiz-bank') throw new Error('not a quiz bank');
    expect(bank.tags).toEqual([
      { tag: '报纸', questionCount: 2 },
      { tag: '期刊', questionCount: 1 },
      { tag: '视频', questionCount: 1 },
    ]);
    expect(store.reader.quizQuestions('quiz', { limit: 3 }).map((q) => [q.id, q.type])).toEqual([
      ['q1', 'single'],
      ['q2', 'multiple'],
      ['q3', 'true-false'],
    ]);
    expect(ids(store.reader.quizQuestions('quiz', { tag: '报纸', limit: 10 }))).toEqual(['q1', 'q3']);
    expect(store.reader.quizQuestions('quiz', { limit: 10 }).find((q) => q.id === 'q4')).toMatchObject({
      type: 'fill-in',
      blanks: [{ accepted: ['08', '8'] }],
    });
    expect(store.reader.quizQuestions('novel', { limit: 10 })).toEqual([]);
  });

  it('gives every passerby the same questions on one day, and another selection on other days', () => {
    const day = (date: string) => ids(store.reader.quizQuestions('quiz', { date, limit: 3 }));
    expect(day('2025-03-01')).toEqual(day('2025-03-01'));
    expect(new Set(day('2025-03-01')).size).toBe(3);
    const days = ['2025-03-01', '2025-03-02', '2025-03-03', '2025-03-04', '2025-03-05'].map((d) => day(d).join());
    expect(new Set(days).size).toBeGreaterThan(1);
  });

  it('reads a book with its contents, and one chapter at a time', () => {
    const book = store.reader.item('novel');
    if (book?.kind !== 'book') throw new Error('not a book');
    expect(book).toMatchObject({ publisher: '测试出版社', continueUrl: 'https://books.example/novel' });
    expect(book.chapters).toEqual([
      { id: 'c1', title: '第一章 出发', depth: 0 },
      { id: 'c2', title: '第二章 到达', depth: 0 },
    ]);
    expect(store.reader.bookChapter('novel', 'c1')).toMatchObject({ title: '第一章 出发', paragraphs: ['清晨出发。'] });
    expect(store.reader.bookChapter('novel', 'c9')).toBeNull();
    expect(store.reader.bookChapter('quiz', 'c1')).toBeNull();
  });

  it('reads a notice with its window and text', () => {
    expect(store.reader.item('notice-alarm')).toMatchObject({
      kind: 'notice',
      emergency: true,
      paragraphs: ['暴雨红色预警正文。'],
    });
    expect(store.reader.item('nothing-here')).toBeNull();
  });
});

describe('media for the renderer', () => {
  it('hands out page images and posters a published item uses, as their bytes', () => {
    const pack = everyKindPack();
    const edition = store.reader.item('daily-0301');
    if (edition?.kind !== 'edition') throw new Error('not an edition');
    const sha256 = edition.pages[0]?.image?.sha256 as string;
    const blob = readMediaBlob(store.reader, store.blobs, sha256);
    expect(blob?.mediaType).toBe('image/png');
    expect(Buffer.from(blob?.base64 ?? '', 'base64')).toEqual(pack.blobs.get(sha256));
  });

  it('refuses a video file, a body blob and a hash no item uses', () => {
    const film = store.reader.item('film');
    if (film?.kind !== 'video') throw new Error('not a video');
    expect(readMediaBlob(store.reader, store.blobs, film.file.sha256)).toBeNull();
    const bodyOfLead = everyKindPack().manifest.items.find((item) => item.id === 'lead')?.body.sha256 as string;
    expect(readMediaBlob(store.reader, store.blobs, bodyOfLead)).toBeNull();
    expect(readMediaBlob(store.reader, store.blobs, sha256Hex(Buffer.from('nothing')))).toBeNull();
  });
});

describe('publishing a new version', () => {
  it("replaces the previous version's pages, regions, questions, chapters and media with its own", () => {
    const count = (table: string) => store.writerDb.prepare(`SELECT count(*) FROM ${table}`).pluck().get();
    expect(count('edition_pages')).toBe(4);
    const pack = everyKindPack();
    pack.manifest = {
      ...pack.manifest,
      version: 'every-kind-2',
      items: pack.manifest.items.filter((item) => item.kind === 'notice'),
    };
    store.publish(pack);
    for (const table of [
      'editions',
      'edition_pages',
      'edition_regions',
      'quiz_questions',
      'book_chapters',
      'item_media',
    ]) {
      expect(count(table), table).toBe(0);
    }
    expect(store.reader.item('daily-0301')).toBeNull();
    expect(store.reader.contentVersion()).toBe('every-kind-2');
    expect(store.writerDb.prepare('SELECT origin FROM content_versions ORDER BY id DESC LIMIT 1').pluck().get()).toBe(
      FLEET_ORIGIN,
    );
  });
});
