import { z } from 'zod';
import { itemCommonSchema, type ItemKind } from './content.js';
import { ARTICLE_BODY_MEDIA_TYPE, articleBodySchema, articlePackFieldsSchema } from './kinds/article.js';
import { blobRefSchema, instantSchema, sha256HexSchema, type BlobRef, type MediaRef } from './kinds/base.js';
import { BOOK_BODY_MEDIA_TYPE, bookPackFieldsSchema } from './kinds/book.js';
import { EDITION_BODY_MEDIA_TYPE, editionPackFieldsSchema } from './kinds/edition.js';
import { NOTICE_BODY_MEDIA_TYPE, noticePackFieldsSchema, noticeWindowProblem } from './kinds/notice.js';
import { QUIZ_BANK_BODY_MEDIA_TYPE, quizBankPackFieldsSchema } from './kinds/quiz.js';
import { STUDY_COLUMN_BODY_MEDIA_TYPE, studyColumnPackFieldsSchema } from './kinds/study.js';
import { VIDEO_BODY_MEDIA_TYPE, videoPackFieldsSchema } from './kinds/video.js';

/**
 * The content-pack format: the unit the fleet server publishes as a manifest and an operator
 * carries on a USB stick. Items carry their list metadata inline; bodies and media live in
 * content-addressed blobs so that an unchanged article is never downloaded twice.
 *
 * Formats: `newsboard-pack/1` carries articles only, each with one body blob. `newsboard-pack/2`
 * carries every kind, expiry, priority and media blobs. Both are read; a pack is written in the
 * lowest format that can hold it (`packFormatFor`), so boards on an app that knows only /1 keep
 * syncing article-only content and refuse a /2 pack by its format instead of by a confusing field.
 */
export const PACK_FORMAT = 'newsboard-pack/1';
export const PACK_FORMAT_V2 = 'newsboard-pack/2';

/** The media type of each kind's body blob. */
export const BODY_MEDIA_TYPES: Readonly<Record<ItemKind, string>> = {
  article: ARTICLE_BODY_MEDIA_TYPE,
  video: VIDEO_BODY_MEDIA_TYPE,
  edition: EDITION_BODY_MEDIA_TYPE,
  'study-column': STUDY_COLUMN_BODY_MEDIA_TYPE,
  'quiz-bank': QUIZ_BANK_BODY_MEDIA_TYPE,
  book: BOOK_BODY_MEDIA_TYPE,
  notice: NOTICE_BODY_MEDIA_TYPE,
};

/** Fields every pack item has besides its list metadata. */
const packItemBase = itemCommonSchema.extend({
  /** Not listed from this instant on. */
  expiresAt: instantSchema.optional(),
  /** Higher comes first in lists; 0 when absent. */
  priority: z.number().int().min(-100).max(100).optional(),
  /** Blob holding the item's body: JSON matching the kind's body schema. */
  body: blobRefSchema,
  /**
   * Every other blob the item uses (images, video, captions, page images, chapters). A board learns
   * all it must download from the manifest alone; a body may refer only to blobs listed here.
   */
  media: z.array(blobRefSchema).max(10_000).optional(),
});

const packItemVariants = [
  packItemBase.extend({ kind: z.literal('article'), ...articlePackFieldsSchema.shape }),
  packItemBase.extend({ kind: z.literal('video'), ...videoPackFieldsSchema.shape }),
  packItemBase.extend({ kind: z.literal('edition'), ...editionPackFieldsSchema.shape }),
  packItemBase.extend({ kind: z.literal('study-column'), ...studyColumnPackFieldsSchema.shape }),
  packItemBase.extend({ kind: z.literal('quiz-bank'), ...quizBankPackFieldsSchema.shape }),
  packItemBase.extend({ kind: z.literal('book'), ...bookPackFieldsSchema.shape }),
  packItemBase.extend({ kind: z.literal('notice'), ...noticePackFieldsSchema.shape }),
] as const;

type PackItemOf<I> = I extends z.ZodType<infer T> ? T : never;
export type PackItem = PackItemOf<(typeof packItemVariants)[number]>;
export type PackItemOfKind<K extends ItemKind> = Extract<PackItem, { kind: K }>;

/** The images an item's list metadata shows; each must be one of its media blobs. */
export function inlineImages(item: PackItem): MediaRef[] {
  switch (item.kind) {
    case 'article':
      return item.thumbnail ? [item.thumbnail] : [];
    case 'video':
      return [item.poster];
    case 'edition':
    case 'study-column':
    case 'book':
      return item.cover ? [item.cover] : [];
    case 'quiz-bank':
    case 'notice':
      return [];
  }
}

export const packItemSchema = z.discriminatedUnion('kind', packItemVariants).superRefine((item, ctx) => {
  const expected = BODY_MEDIA_TYPES[item.kind];
  if (item.body.mediaType !== expected) {
    ctx.addIssue({
      code: 'custom',
      path: ['body', 'mediaType'],
      message: `a ${item.kind} body is ${expected}, not ${item.body.mediaType}`,
    });
  }
  const media = new Set((item.media ?? []).map((ref) => ref.sha256));
  for (const image of inlineImages(item)) {
    if (!media.has(image.sha256)) {
      ctx.addIssue({ code: 'custom', path: ['media'], message: `image ${image.sha256} is not among the item's media` });
    }
  }
  if (item.kind === 'notice') {
    const problem = noticeWindowProblem(item);
    if (problem) ctx.addIssue({ code: 'custom', path: ['validUntil'], message: problem });
  }
});

/** Whether a board that knows only newsboard-pack/1 reads the item as intended. */
function fitsFormat1(item: PackItem): boolean {
  return item.kind === 'article' && !item.media && !item.thumbnail && !item.expiresAt && item.priority === undefined;
}

export function packFormatFor(items: readonly PackItem[]): typeof PACK_FORMAT | typeof PACK_FORMAT_V2 {
  return items.every(fitsFormat1) ? PACK_FORMAT : PACK_FORMAT_V2;
}

export const packManifestSchema = z
  .object({
    format: z.enum([PACK_FORMAT, PACK_FORMAT_V2]),
    /** Content version: any string that changes whenever the item set changes (ordering is by publish time). */
    version: z.string().min(1).max(100),
    createdAt: z.string().max(40),
    items: z.array(packItemSchema).max(200_000),
  })
  .superRefine((pack, ctx) => {
    const seen = new Set<string>();
    const blobs = new Map<string, BlobRef>();
    for (const [index, item] of pack.items.entries()) {
      for (const ref of itemBlobRefs(item)) {
        const known = blobs.get(ref.sha256);
        if (known && (known.size !== ref.size || known.mediaType !== ref.mediaType)) {
          ctx.addIssue({
            code: 'custom',
            path: ['items', index],
            message: `blob ${ref.sha256} is declared twice with different sizes or media types`,
          });
        }
        blobs.set(ref.sha256, ref);
      }
      if (seen.has(item.id)) {
        ctx.addIssue({ code: 'custom', path: ['items', index, 'id'], message: `duplicate item id ${item.id}` });
      }
      seen.add(item.id);
      if (pack.format === PACK_FORMAT && !fitsFormat1(item)) {
        ctx.addIssue({
          code: 'custom',
          path: ['items', index],
          message: `${PACK_FORMAT} carries plain articles only; item ${item.id} (${item.kind}) needs ${PACK_FORMAT_V2}`,
        });
      }
    }
  });
export type PackManifest = z.infer<typeof packManifestSchema>;

/** Every blob an item uses: its body first, then its media. */
export function itemBlobRefs(item: PackItem): BlobRef[] {
  return [item.body, ...(item.media ?? [])];
}

/** Every blob a manifest references, once each: what a board must hold before it may publish the version. */
export function manifestBlobRefs(manifest: Pick<PackManifest, 'items'>): BlobRef[] {
  const refs = new Map<string, BlobRef>();
  for (const item of manifest.items)
    for (const ref of itemBlobRefs(item)) if (!refs.has(ref.sha256)) refs.set(ref.sha256, ref);
  return [...refs.values()];
}

export { ARTICLE_BODY_MEDIA_TYPE, articleBodySchema, blobRefSchema, sha256HexSchema };
export type { BlobRef };
