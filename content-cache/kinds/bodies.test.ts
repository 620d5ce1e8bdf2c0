import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BOOK_CHAPTER_MEDIA_TYPE } from '../../common/kinds/book.js';
import { BODY_MEDIA_TYPES, packItemSchema, type PackItem } from '../../common/pack.js';
import { BlobStore } from '../../content-format/blobs/fsBlobStore.js';
import { sha256Hex } from '../../content-format/hash.js';
import { entriesFromBlobs } from '../sync/publishEntries.js';
import { ContentRejected } from './entries.js';
import { everyKindItems, TestBlobs } from './testing/everyKind.js';

let dir: string;
let store: BlobStore;
let blobs: TestBlobs;
let items: PackItem[];

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'nb-bodies-'));
  store = new BlobStore(dir);
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Edits a fresh set of every kind, validates it as the pack boundary would, stores its blobs, and derives the entries. */
function publishable(edit: (items: PackItem[]) => void): () => unknown {
  blobs = new TestBlobs();
  items = everyKindItems(blobs);
  edit(items);
  for (const item of items) packItemSchema.parse(item);
  for (const [sha256, bytes] of blobs.map) store.put(sha256, bytes);
  return () => entriesFromBlobs(items, store);
}

function replace(id: string, change: (item: PackItem) => PackItem) {
  return (list: PackItem[]) => {
    const index = list.findIndex((item) => item.id === id);
    list[index] = change(list[index] as PackItem);
  };
}

function withBody(id: string, body: unknown, mediaType?: string) {
  return replace(id, (item) => ({ ...item, body: blobs.json(body, mediaType ?? item.body.mediaType) }));
}

const rejected = (attempt: () => unknown, message: RegExp) => {
  expect(attempt).toThrow(ContentRejected);
  expect(attempt).toThrow(message);
};

describe('bodies that match their kind', () => {
  it('are accepted for every kind, a book with its chapters', () => {
    const entries = publishable(() => {})() as ReturnType<typeof entriesFromBlobs>;
    expect(new Set(entries.map((entry) => entry.item.kind))).toEqual(
      new Set(['article', 'edition', 'video', 'study-column', 'quiz-bank', 'book', 'notice']),
    );
    const book = entries.find((entry) => entry.item.id === 'novel');
    expect(book && 'chapters' in book ? book.chapters.map((c) => c.title) : []).toEqual(['第一章 出发', '第二章 到达']);
  });
});

describe('a version is refused, naming the item, when', () => {
  it('a body is not JSON', () => {
    const attempt = publishable(
      replace('lead', (item) => ({ ...item, body: blobs.add('<html>', item.body.mediaType) })),
    );
    rejected(attempt, /body of item lead is not JSON/);
  });

  it('a body does not match its kind', () => {
    rejected(
      publishable(withBody('second', { paragraphs: [1, 2] })),
      /body of item second is not a valid article body/,
    );
    rejected(publishable(withBody('film', { description: [] })), /body of item film is not a valid video body.*file/s);
  });

  it('a quiz answer is not among its options, or a fill-in prompt marks the wrong number of blanks', () => {
    const question = { id: 'x', prompt: '？', explanation: '', tags: [] };
    rejected(
      publishable(
        withBody('quiz', {
          description: [],
          questions: [
            {
              ...question,
              type: 'single',
              options: [
                { id: 'A', text: '甲' },
                { id: 'B', text: '乙' },
              ],
              answer: 'C',
            },
          ],
        }),
      ),
      /quiz-bank body.*answer C is not an option/s,
    );
    rejected(
      publishable(
        withBody('quiz', {
          description: [],
          questions: [{ ...question, type: 'fill-in', prompt: '____和____', blanks: [{ accepted: ['甲'] }] }],
        }),
      ),
      /marks 2 blanks/,
    );
  });

  it('a region lies outside its page, or pages are out of order', () => {
    const page = { label: '01', width: 100, height: 100, image: { sha256: 'a'.repeat(64) } };
    rejected(
      publishable(
        withBody('monthly-03', {
          pages: [
            {
              ...page,
              number: 1,
              regions: [
                {
                  articleId: 'lead',
                  polygon: [
                    [0, 0],
                    [200, 0],
                    [0, 50],
                  ],
                },
              ],
            },
          ],
        }),
      ),
      /outside the 100×100 page/,
    );
    rejected(
      publishable(
        withBody('monthly-03', {
          pages: [
            { ...page, number: 2, regions: [] },
            { ...page, number: 1, regions: [] },
          ],
        }),
      ),
      /page 1 follows page 2/,
    );
  });

  it('a body uses a blob its item does not list in its media', () => {
    const stray = sha256Hex(Buffer.from('PNG stray'));
    rejected(
      publishable(withBody('second', { paragraphs: ['x'], images: [{ sha256: stray, width: 1, height: 1 }] })),
      new RegExp(`item second uses blob ${stray} without listing it`),
    );
  });

  it('a blob is used in a role its media type does not fit', () => {
    rejected(
      publishable(
        replace('film', (item) => ({
          ...item,
          media: (item.media ?? []).map((ref) =>
            ref.mediaType === 'video/mp4' ? { ...ref, mediaType: 'image/png' } : ref,
          ),
        })),
      ),
      /item film uses blob .* \(image\/png\) as its video/,
    );
  });

  it('a media blob or a chapter is not stored', () => {
    const attempt = publishable(() => {});
    const film = items.find((item) => item.id === 'film');
    const missing = film?.media?.find((ref) => ref.mediaType === 'video/mp4')?.sha256 as string;
    store.remove(missing);
    rejected(attempt, new RegExp(`blob ${missing} of item film is not stored`));
  });

  it("a book's chapter is not a valid chapter", () => {
    const attempt = publishable(
      replace('novel', (item) => {
        const broken = blobs.json({ title: '', paragraphs: [] }, BOOK_CHAPTER_MEDIA_TYPE);
        return {
          ...item,
          media: [...(item.media ?? []), broken],
          body: blobs.json(
            { description: [], chapters: [{ id: 'c1', title: '坏章', depth: 0, chapter: { sha256: broken.sha256 } }] },
            BODY_MEDIA_TYPES.book,
          ),
        };
      }),
    );
    rejected(attempt, /chapter c1 of book novel is not a valid chapter/);
  });

  it('a region, placement, column entry or question source points outside the version', () => {
    rejected(
      publishable((list) =>
        list.splice(
          list.findIndex((item) => item.id === 'second'),
          1,
        ),
      ),
      /page 1 of edition daily-0301 links to second, which is not article in this version/,
    );
    rejected(
      publishable(
        withBody('second', { paragraphs: ['x'], edition: { editionId: 'daily-0301', page: 9, continuations: [] } }),
      ),
      /article second is placed on page 9, which edition daily-0301 lacks/,
    );
    rejected(
      publishable(withBody('column', { description: [], entries: [{ itemId: 'gone' }] })),
      /study column column links to gone/,
    );
    rejected(
      publishable((list) =>
        list.splice(
          list.findIndex((item) => item.id === 'lead'),
          1,
        ),
      ),
      /links to lead/,
    );
  });
});
