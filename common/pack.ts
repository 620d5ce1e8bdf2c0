import { z } from 'zod';
import { articleBodySchema, itemSummarySchema } from './content.js';

/**
 * The content-pack format: the unit the fleet server publishes as a manifest and an operator
 * carries on a USB stick. Items carry their list metadata inline; bodies and media live in
 * content-addressed blobs so that an unchanged article is never downloaded twice.
 */
export const sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/, 'sha256 as 64 lowercase hex digits');

export const blobRefSchema = z.object({
  sha256: sha256HexSchema,
  size: z
    .number()
    .int()
    .nonnegative()
    .max(2 ** 40),
  mediaType: z.string().max(100),
});
export type BlobRef = z.infer<typeof blobRefSchema>;

export const packItemSchema = itemSummarySchema.extend({
  /** Blob holding the item's body (for articles: JSON matching articleBodySchema). */
  body: blobRefSchema,
});
export type PackItem = z.infer<typeof packItemSchema>;

export const PACK_FORMAT = 'newsboard-pack/1';

export const packManifestSchema = z
  .object({
    format: z.literal(PACK_FORMAT),
    /** Content version: any string that changes whenever the item set changes (ordering is by publish time). */
    version: z.string().min(1).max(100),
    createdAt: z.string().max(40),
    items: z.array(packItemSchema).max(200_000),
  })
  .superRefine((pack, ctx) => {
    const seen = new Set<string>();
    for (const [index, item] of pack.items.entries()) {
      if (seen.has(item.id)) {
        ctx.addIssue({ code: 'custom', path: ['items', index, 'id'], message: `duplicate item id ${item.id}` });
      }
      seen.add(item.id);
    }
  });
export type PackManifest = z.infer<typeof packManifestSchema>;

export const ARTICLE_BODY_MEDIA_TYPE = 'application/vnd.newsboard.article+json';

export { articleBodySchema };
