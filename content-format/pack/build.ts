import { sha256Hex } from '../hash.js';
import { articleBodySchema, type Article } from '../../common/content.js';
import {
  ARTICLE_BODY_MEDIA_TYPE,
  packFormatFor,
  packItemSchema,
  type BlobRef,
  type PackItem,
  type PackManifest,
} from '../../common/pack.js';

export interface BuiltPack {
  manifest: PackManifest;
  blobs: Map<string, Buffer>;
}

/** An image an article shows, with the bytes the pack carries for it (none when the receiving store already holds them). */
export interface PackMedia {
  ref: BlobRef;
  bytes?: Buffer;
}

const BODY_FIELDS = new Set(Object.keys(articleBodySchema.shape));

/** Splits an article into what the pack item lists inline and what goes in its body blob. */
function splitArticle(article: Article): { summary: Record<string, unknown>; body: Record<string, unknown> } {
  const summary: Record<string, unknown> = {};
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(article)) (BODY_FIELDS.has(key) ? body : summary)[key] = value;
  return { summary, body };
}

/**
 * One article as a pack item; its body blob and the blobs of the images it shows (each must be in
 * `media`) are added to `blobs`. Throws on an article its schemas refuse.
 */
export function articlePackItem(
  article: Article,
  media: ReadonlyMap<string, PackMedia>,
  blobs: Map<string, Buffer>,
): PackItem {
  const { summary, body: fields } = splitArticle(article);
  const bytes = Buffer.from(JSON.stringify(articleBodySchema.parse(fields)), 'utf8');
  const body: BlobRef = { sha256: sha256Hex(bytes), size: bytes.length, mediaType: ARTICLE_BODY_MEDIA_TYPE };
  blobs.set(body.sha256, bytes);
  const itemMedia = [...new Set((article.images ?? []).map((image) => image.sha256))].map((sha256) => {
    const found = media.get(sha256);
    if (!found) throw new Error(`article ${article.id} shows image ${sha256}, which was not given to the pack`);
    if (found.bytes) blobs.set(sha256, found.bytes);
    return found.ref;
  });
  return packItemSchema.parse({ ...summary, body, ...(itemMedia.length > 0 ? { media: itemMedia } : {}) });
}

/**
 * Turns articles into a content pack. The version is derived from the content itself, so building
 * the same articles twice yields the same version and boards that already have it download nothing.
 * Every image an article shows must be in `media`; its blob travels with the pack.
 */
export function buildPack(
  articles: readonly Article[],
  createdAt: string,
  media: ReadonlyMap<string, PackMedia> = new Map(),
): BuiltPack {
  const blobs = new Map<string, Buffer>();
  const items = articles.map((article) => articlePackItem(article, media, blobs));
  const version = sha256Hex(Buffer.from(JSON.stringify(items), 'utf8')).slice(0, 16);
  return { manifest: { format: packFormatFor(items), version, createdAt, items }, blobs };
}
