import { z } from 'zod';
import { imageRefSchema, isoDateSchema, itemIdSchema, mediaRefSchema, pixelsSchema } from './base.js';

/**
 * Newspapers and periodicals: a publication has editions (a newspaper's daily edition, a
 * periodical's issue), an edition has pages, a page has regions, and a region links to an article
 * item. Back issues are simply more edition items of the same publication. Articles are ordinary
 * article items that carry their placement (page, continuations such as "下转08版").
 */
export const EDITION_BODY_MEDIA_TYPE = 'application/vnd.newsboard.edition+json';

export const publicationSchema = z.object({
  id: itemIdSchema,
  title: z.string().min(1).max(200),
  kind: z.enum(['newspaper', 'periodical']),
});
export type Publication = z.infer<typeof publicationSchema>;

/** List metadata carried inline in the pack item: enough for a shelf of publications and back issues. */
export const editionPackFieldsSchema = z.object({
  publication: publicationSchema,
  issueDate: isoDateSchema,
  /** How the publication names the issue: "第25123期", "2024年第3期". */
  issueLabel: z.string().max(100).optional(),
  /** A small image of the front page for the shelf. */
  cover: imageRefSchema.optional(),
});
export type EditionPackFields = z.infer<typeof editionPackFieldsSchema>;

/** Page numbers as the paper prints them ("08版" is 8); they name pages in continuations. */
export const pageNumberSchema = z.number().int().min(1).max(999);

/** [x, y] in page pixels, origin top left. */
export const pointSchema = z.tuple([z.number().min(0), z.number().min(0)]);

export const regionSchema = z.object({
  /** The article item this area of the page opens. */
  articleId: itemIdSchema,
  polygon: z.array(pointSchema).min(3).max(256),
});
export type Region = z.infer<typeof regionSchema>;

export const editionPageSchema = z
  .object({
    number: pageNumberSchema,
    /** The printed page label, "01" or "A1". */
    label: z.string().min(1).max(20),
    /** The page's section name, "要闻". */
    name: z.string().max(100).optional(),
    width: pixelsSchema,
    height: pixelsSchema,
    /** The rendered page at width × height pixels. */
    image: mediaRefSchema.optional(),
    /** The page in the original PDF, for printing-quality zoom where a board can render PDF. */
    pdf: z.object({ file: mediaRefSchema, pageIndex: z.number().int().min(0).max(9_999) }).optional(),
    /** Text extracted from the page, for search. */
    text: z.string().max(500_000).optional(),
    regions: z.array(regionSchema).max(500),
  })
  .superRefine((page, ctx) => {
    if (!page.image && !page.pdf) ctx.addIssue({ code: 'custom', message: `page ${page.number} has no image or PDF` });
    for (const [index, region] of page.regions.entries()) {
      if (region.polygon.some(([x, y]) => x > page.width || y > page.height)) {
        ctx.addIssue({
          code: 'custom',
          path: ['regions', index, 'polygon'],
          message: `region ${index} of page ${page.number} lies outside the ${page.width}×${page.height} page`,
        });
      }
    }
  });
export type EditionPage = z.infer<typeof editionPageSchema>;

/** The edition's body blob: its pages in printed order. */
export const editionBodySchema = z
  .object({ pages: z.array(editionPageSchema).min(1).max(1_000) })
  .superRefine((body, ctx) => {
    for (const [index, page] of body.pages.entries()) {
      const previous = body.pages[index - 1];
      if (previous && page.number <= previous.number) {
        ctx.addIssue({
          code: 'custom',
          path: ['pages', index, 'number'],
          message: `page ${page.number} follows page ${previous.number}; pages are unique and in printed order`,
        });
      }
    }
  });
export type EditionBody = z.infer<typeof editionBodySchema>;

/** "（下转08版）" on page 1 and "（上接01版）" on page 8: one story jumping between pages. */
export const continuationSchema = z.object({
  fromPage: pageNumberSchema,
  toPage: pageNumberSchema,
  /** The label printed where the story leaves, "下转08版"; the renderer words one when absent. */
  label: z.string().max(40).optional(),
  /** The label printed where the story resumes, "上接01版". */
  backLabel: z.string().max(40).optional(),
});
export type Continuation = z.infer<typeof continuationSchema>;

/** Where an article sits in an edition; carried in the article's body. */
export const editionPlacementSchema = z.object({
  editionId: itemIdSchema,
  /** The page the article starts on. */
  page: pageNumberSchema,
  continuations: z.array(continuationSchema).max(20),
});
export type EditionPlacement = z.infer<typeof editionPlacementSchema>;
