import { z } from 'zod';
import { instantSchema, paragraphsSchema, sanitizedHtmlSchema } from './base.js';

/** Notices: a community's announcements and the fleet's emergency alerts. */
export const NOTICE_BODY_MEDIA_TYPE = 'application/vnd.newsboard.notice+json';

/** List metadata carried inline in the pack item: a board decides what to show without reading bodies. */
export const noticePackFieldsSchema = z.object({
  /** Shown from this instant on. */
  validFrom: instantSchema,
  /** Shown until this instant; open-ended when absent. */
  validUntil: instantSchema.optional(),
  /** Emergency notices interrupt whatever the board shows, ahead of every priority. */
  emergency: z.boolean(),
});
export type NoticePackFields = z.infer<typeof noticePackFieldsSchema>;

/** A window that closes before it opens would hide the notice silently; the pack is refused instead. */
export function noticeWindowProblem(fields: NoticePackFields): string | null {
  if (!fields.validUntil || Date.parse(fields.validUntil) > Date.parse(fields.validFrom)) return null;
  return `validUntil ${fields.validUntil} is not after validFrom ${fields.validFrom}`;
}

export const noticeBodySchema = z.object({
  paragraphs: paragraphsSchema,
  html: sanitizedHtmlSchema.optional(),
});
export type NoticeBody = z.infer<typeof noticeBodySchema>;
