import { z } from 'zod';
import { imageRefSchema, itemIdSchema, paragraphsSchema } from './base.js';

/**
 * Study columns (学习专栏): a curated, ordered series of articles and videos. The column holds only
 * references; each entry is an item of the same content version.
 */
export const STUDY_COLUMN_BODY_MEDIA_TYPE = 'application/vnd.newsboard.study-column+json';

/** List metadata carried inline in the pack item. */
export const studyColumnPackFieldsSchema = z.object({ cover: imageRefSchema.optional() });

export const studyEntrySchema = z.object({
  itemId: itemIdSchema,
  /** The editor's line on why this entry is in the column. */
  note: z.string().max(500).optional(),
});

export const studyColumnBodySchema = z
  .object({
    description: paragraphsSchema,
    entries: z.array(studyEntrySchema).min(1).max(1_000),
  })
  .superRefine((body, ctx) => {
    const seen = new Set<string>();
    for (const [index, entry] of body.entries.entries()) {
      if (seen.has(entry.itemId)) {
        ctx.addIssue({ code: 'custom', path: ['entries', index], message: `${entry.itemId} is listed twice` });
      }
      seen.add(entry.itemId);
    }
  });
export type StudyColumnBody = z.infer<typeof studyColumnBodySchema>;
