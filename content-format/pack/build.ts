import { sha256Hex } from '../hash.js';
import { articleBodySchema, type Article } from '../../common/content.js';
import {
  ARTICLE_BODY_MEDIA_TYPE,
  PACK_FORMAT,
  type BlobRef,
  type PackItem,
  type PackManifest,
} from '../../common/pack.js';

export interface BuiltPack {
  manifest: PackManifest;
  blobs: Map<string, Buffer>;
}

/**
 * Turns articles into a content pack. The version is derived from the content itself, so building
 * the same articles twice yields the same version and boards that already have it download nothing.
 */
export function buildPack(articles: readonly Article[], createdAt: string): BuiltPack {
  const blobs = new Map<string, Buffer>();
  const items: PackItem[] = articles.map((article) => {
    const { paragraphs, html, ...summary } = article;
    const bytes = Buffer.from(JSON.stringify(articleBodySchema.parse({ paragraphs, html })), 'utf8');
    const body: BlobRef = { sha256: sha256Hex(bytes), size: bytes.length, mediaType: ARTICLE_BODY_MEDIA_TYPE };
    blobs.set(body.sha256, bytes);
    return { ...summary, body };
  });
  const version = sha256Hex(Buffer.from(JSON.stringify(items), 'utf8')).slice(0, 16);
  return { manifest: { format: PACK_FORMAT, version, createdAt, items }, blobs };
}
