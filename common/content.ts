import { z } from 'zod';
import { articleBodySchema, articlePackFieldsSchema } from './kinds/article.js';
import { itemIdSchema, languageSchema } from './kinds/base.js';
import { bookBodySchema, bookChapterSchema, bookPackFieldsSchema } from './kinds/book.js';
import { editionPackFieldsSchema, editionPageSchema } from './kinds/edition.js';
import { noticeBodySchema, noticePackFieldsSchema } from './kinds/notice.js';
import { quizBankPackFieldsSchema, quizQuestionSchema, quizTagSchema } from './kinds/quiz.js';
import { studyColumnPackFieldsSchema } from './kinds/study.js';
import { videoBodySchema, videoPackFieldsSchema } from './kinds/video.js';

/**
 * The content model as the kiosk shows it: list summaries and full items of every kind, as the
 * bridge carries them. The pack format (common/pack.ts) carries the same fields inline plus blob
 * references; common/kinds/ holds each kind's own schemas.
 */
export const itemKindSchema = z.enum(['article', 'video', 'edition', 'study-column', 'quiz-bank', 'book', 'notice']);
export type ItemKind = z.infer<typeof itemKindSchema>;

/** What every list shows of any kind: enough to choose, nothing that needs the body. */
export const itemCommonSchema = z.object({
  id: itemIdSchema,
  title: z.string().min(1).max(500),
  source: z.string().max(200),
  section: z.string().max(100),
  language: languageSchema,
  /** ISO 8601 date or date-time. */
  publishedAt: z.string().max(40),
  summary: z.string().max(1000),
});

const count = z.number().int().nonnegative();

export const articleSummarySchema = itemCommonSchema.extend({
  kind: z.literal('article'),
  ...articlePackFieldsSchema.shape,
});
export const videoSummarySchema = itemCommonSchema.extend({ kind: z.literal('video'), ...videoPackFieldsSchema.shape });
export const editionSummarySchema = itemCommonSchema.extend({
  kind: z.literal('edition'),
  ...editionPackFieldsSchema.shape,
  pageCount: count,
});
export const studyColumnSummarySchema = itemCommonSchema.extend({
  kind: z.literal('study-column'),
  ...studyColumnPackFieldsSchema.shape,
  entryCount: count,
});
export const quizBankSummarySchema = itemCommonSchema.extend({
  kind: z.literal('quiz-bank'),
  ...quizBankPackFieldsSchema.shape,
  questionCount: count,
});
export const bookSummarySchema = itemCommonSchema.extend({
  kind: z.literal('book'),
  ...bookPackFieldsSchema.shape,
  chapterCount: count,
});
export const noticeSummarySchema = itemCommonSchema.extend({
  kind: z.literal('notice'),
  ...noticePackFieldsSchema.shape,
});

export const itemSummarySchema = z.discriminatedUnion('kind', [
  articleSummarySchema,
  videoSummarySchema,
  editionSummarySchema,
  studyColumnSummarySchema,
  quizBankSummarySchema,
  bookSummarySchema,
  noticeSummarySchema,
]);
export type ItemSummary = z.infer<typeof itemSummarySchema>;
export type ArticleSummary = z.infer<typeof articleSummarySchema>;
export type EditionSummary = z.infer<typeof editionSummarySchema>;
export type NoticeSummary = z.infer<typeof noticeSummarySchema>;

export const articleSchema = articleSummarySchema.extend(articleBodySchema.shape);
export type Article = z.infer<typeof articleSchema>;

export const videoSchema = videoSummarySchema.extend(videoBodySchema.shape);
export type Video = z.infer<typeof videoSchema>;

export const noticeSchema = noticeSummarySchema.extend(noticeBodySchema.shape);
export type Notice = z.infer<typeof noticeSchema>;

export const editionSchema = editionSummarySchema.extend({ pages: z.array(editionPageSchema) });
export type Edition = z.infer<typeof editionSchema>;

/** A study column with its entries resolved; entries not shown right now (expired, say) are left out. */
export const studyColumnSchema = studyColumnSummarySchema.extend({
  description: z.array(z.string()),
  entries: z.array(z.object({ note: z.string().optional(), item: itemSummarySchema })),
});
export type StudyColumn = z.infer<typeof studyColumnSchema>;

/** A quiz bank without its questions, which `quiz:questions` hands out a few at a time. */
export const quizBankSchema = quizBankSummarySchema.extend({
  description: z.array(z.string()),
  tags: z.array(z.object({ tag: quizTagSchema, questionCount: count })),
});
export type QuizBank = z.infer<typeof quizBankSchema>;

/** A book with its table of contents; chapters are read one at a time through `book:chapter`. */
export const bookSchema = bookSummarySchema.extend({
  publisher: bookBodySchema.shape.publisher,
  description: bookBodySchema.shape.description,
  continueUrl: bookBodySchema.shape.continueUrl,
  chapters: z.array(z.object({ id: z.string(), title: z.string(), depth: z.number().int() })),
});
export type Book = z.infer<typeof bookSchema>;

/** Any item, whole, by its kind: what `content:item` returns. */
export const contentItemSchema = z.discriminatedUnion('kind', [
  articleSchema,
  videoSchema,
  editionSchema,
  studyColumnSchema,
  quizBankSchema,
  bookSchema,
  noticeSchema,
]);
export type ContentItem = z.infer<typeof contentItemSchema>;

export { bookChapterSchema, quizQuestionSchema };
export type { BookChapter } from './kinds/book.js';
export type { QuizQuestion, QuizResponse } from './kinds/quiz.js';

/** [start, end) in UTF-16 units of the text it accompanies; what a renderer highlights. */
const textMarkSchema = z.tuple([z.number().int().min(0), z.number().int().min(0)]);
// A title holds at most 500 characters, so at most 250 separate marks.
const textMarksSchema = z.array(textMarkSchema).max(500);

export const searchHitSchema = z.object({
  id: itemIdSchema,
  kind: itemKindSchema,
  title: z.string(),
  titleMarks: textMarksSchema,
  snippet: z.string(),
  snippetMarks: textMarksSchema,
});
export type SearchHit = z.infer<typeof searchHitSchema>;

export { articleBodySchema, itemIdSchema, languageSchema };
export type { ArticleBody } from './kinds/article.js';
export type { Language } from './kinds/base.js';
