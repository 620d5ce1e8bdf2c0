import { z } from 'zod';
import type { ItemKind } from '../../common/content.js';
import { articleBodySchema } from '../../common/kinds/article.js';
import type { MediaRef } from '../../common/kinds/base.js';
import {
  BOOK_CHAPTER_MEDIA_TYPE,
  bookBodySchema,
  bookChapterSchema,
  type BookChapter,
} from '../../common/kinds/book.js';
import { editionBodySchema } from '../../common/kinds/edition.js';
import { noticeBodySchema } from '../../common/kinds/notice.js';
import { quizBankBodySchema } from '../../common/kinds/quiz.js';
import { studyColumnBodySchema } from '../../common/kinds/study.js';
import { videoBodySchema } from '../../common/kinds/video.js';
import { inlineImages, type PackItem } from '../../common/pack.js';
import type { BlobStore } from '../../content-format/blobs/fsBlobStore.js';
import { ContentRejected, type PublishEntry, type PublishEntryOf } from './entries.js';

type Role = 'image' | 'video' | 'captions' | 'pdf' | 'chapter';

/** What a blob used in each role must be; a board never hands a PDF to an <img> or a page to a <video>. */
const roleAccepts: Record<Role, (mediaType: string) => boolean> = {
  image: (type) => type.startsWith('image/'),
  video: (type) => type === 'video/mp4' || type === 'video/webm',
  captions: (type) => type === 'text/vtt',
  pdf: (type) => type === 'application/pdf',
  chapter: (type) => type === BOOK_CHAPTER_MEDIA_TYPE,
};

interface MediaUse {
  ref: MediaRef;
  role: Role;
}

function readJson(blobs: BlobStore, sha256: string, what: string): unknown {
  if (!blobs.has(sha256)) throw new ContentRejected(`${what} (blob ${sha256}) is not stored`);
  const text = blobs.get(sha256).toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    throw new ContentRejected(`${what} is not JSON`);
  }
}

function parsed<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new ContentRejected(`${what}: ${z.prettifyError(result.error)}`);
  return result.data;
}

function images(refs: readonly MediaRef[] | undefined): MediaUse[] {
  return (refs ?? []).map((ref) => ({ ref, role: 'image' }));
}

type BodyOf<K extends ItemKind> = PublishEntryOf<K>['body'];

/** Each kind's body schema and the blobs a valid body uses. */
const kinds: { [K in ItemKind]: { schema: z.ZodType<BodyOf<K>>; media: (body: BodyOf<K>) => MediaUse[] } } = {
  article: { schema: articleBodySchema, media: (body) => images(body.images) },
  video: {
    schema: videoBodySchema,
    media: (body) => [
      { ref: body.file, role: 'video' },
      ...body.captions.map((track): MediaUse => ({ ref: track.file, role: 'captions' })),
    ],
  },
  edition: {
    schema: editionBodySchema,
    media: (body) =>
      body.pages.flatMap((page): MediaUse[] => [
        ...images(page.image ? [page.image] : []),
        ...(page.pdf ? [{ ref: page.pdf.file, role: 'pdf' as const }] : []),
      ]),
  },
  'study-column': { schema: studyColumnBodySchema, media: () => [] },
  'quiz-bank': { schema: quizBankBodySchema, media: () => [] },
  book: {
    schema: bookBodySchema,
    media: (body) => body.chapters.map((c): MediaUse => ({ ref: c.chapter, role: 'chapter' })),
  },
  notice: { schema: noticeBodySchema, media: () => [] },
};

/** Every blob a body or the list metadata uses must be listed in the item's media, in the right type, and stored. */
function checkMedia(item: PackItem, uses: readonly MediaUse[], blobs: BlobStore): void {
  const listed = new Map((item.media ?? []).map((ref) => [ref.sha256, ref]));
  for (const { ref, role } of [...images(inlineImages(item)), ...uses]) {
    const declared = listed.get(ref.sha256);
    if (!declared) throw new ContentRejected(`item ${item.id} uses blob ${ref.sha256} without listing it in its media`);
    if (!roleAccepts[role](declared.mediaType)) {
      throw new ContentRejected(`item ${item.id} uses blob ${ref.sha256} (${declared.mediaType}) as its ${role}`);
    }
  }
  for (const ref of listed.values()) {
    if (!blobs.has(ref.sha256)) throw new ContentRejected(`blob ${ref.sha256} of item ${item.id} is not stored`);
  }
}

function readChapters(item: PackItem, body: z.infer<typeof bookBodySchema>, blobs: BlobStore): BookChapter[] {
  return body.chapters.map((entry) => {
    const what = `chapter ${entry.id} of book ${item.id}`;
    return parsed(bookChapterSchema, readJson(blobs, entry.chapter.sha256, what), `${what} is not a valid chapter`);
  });
}

/**
 * Reads an item's body blob (and a book's chapter blobs) and validates them against the item's
 * kind. Throws ContentRejected naming the item when anything is malformed, mistyped or missing, so a
 * bad blob rejects the whole version before its transaction starts.
 */
export function entryFromBlobs(item: PackItem, blobs: BlobStore): PublishEntry {
  const what = `body of item ${item.id}`;
  // TypeScript cannot tie kinds[item.kind] to item.kind; the table's own type keeps each pair right.
  const kind = kinds[item.kind] as {
    schema: z.ZodType<BodyOf<ItemKind>>;
    media: (body: BodyOf<ItemKind>) => MediaUse[];
  };
  const body = parsed(kind.schema, readJson(blobs, item.body.sha256, what), `${what} is not a valid ${item.kind} body`);
  const uses = kind.media(body);
  if (item.kind !== 'book') {
    checkMedia(item, uses, blobs);
    return { item, body } as PublishEntry;
  }
  const chapters = readChapters(item, body as BodyOf<'book'>, blobs);
  checkMedia(item, [...uses, ...chapters.flatMap((chapter) => images(chapter.images))], blobs);
  return { item, body: body as BodyOf<'book'>, chapters };
}
