import { z } from 'zod';
import { ARTICLE_BODY_MEDIA_TYPE } from '../../common/kinds/article.js';
import type { BlobRef } from '../../common/kinds/base.js';
import { EDITION_BODY_MEDIA_TYPE } from '../../common/kinds/edition.js';
import { packItemSchema, type PackItem } from '../../common/pack.js';
import { sha256Hex } from '../hash.js';
import type { ConvertedEdition } from './convert.js';
import { PdfError } from './errors.js';

function jsonBlob(value: unknown, mediaType: string, blobs: Map<string, Buffer>): BlobRef {
  const bytes = Buffer.from(JSON.stringify(value), 'utf8');
  const sha256 = sha256Hex(bytes);
  blobs.set(sha256, bytes);
  return { sha256, size: bytes.length, mediaType };
}

function checked(candidate: unknown): PackItem {
  const parsed = packItemSchema.safeParse(candidate);
  if (!parsed.success) throw new PdfError(`the edition does not fit a content pack: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/**
 * A converted edition as pack items, the edition first and then its stories as articles placed on
 * their pages, plus every blob they need; checked against the pack schema, so a fleet server and a
 * kiosk's USB import publish it alike.
 */
export function editionPackItems(
  edition: ConvertedEdition,
  context: { section: string },
): { items: PackItem[]; blobs: Map<string, Buffer> } {
  const blobs = new Map(edition.blobs);
  const common = {
    source: edition.fields.publication.title,
    section: context.section,
    language: edition.language,
    publishedAt: edition.publishedAt,
  };
  const items = [
    checked({
      kind: 'edition',
      id: edition.id,
      title: edition.title,
      summary: edition.summary,
      ...common,
      ...edition.fields,
      body: jsonBlob(edition.body, EDITION_BODY_MEDIA_TYPE, blobs),
      media: edition.media,
    }),
    ...edition.articles.map((article) =>
      checked({
        kind: 'article',
        id: article.id,
        title: article.title,
        summary: article.summary,
        ...common,
        body: jsonBlob(article.body, ARTICLE_BODY_MEDIA_TYPE, blobs),
      }),
    ),
  ];
  return { items, blobs };
}
