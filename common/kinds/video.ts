import { z } from 'zod';
import { imageRefSchema, languageSchema, mediaRefSchema, paragraphsSchema, pixelsSchema } from './base.js';

export const VIDEO_BODY_MEDIA_TYPE = 'application/vnd.newsboard.video+json';

/** List metadata carried inline in the pack item. */
export const videoPackFieldsSchema = z.object({
  durationSeconds: z
    .number()
    .int()
    .min(1)
    .max(24 * 3600),
  poster: imageRefSchema,
});
export type VideoPackFields = z.infer<typeof videoPackFieldsSchema>;

export const captionTrackSchema = z.object({
  language: languageSchema,
  /** What the track menu shows, "中文字幕". */
  label: z.string().min(1).max(100),
  /** A WebVTT blob. */
  file: mediaRefSchema,
});
export type CaptionTrack = z.infer<typeof captionTrackSchema>;

export const videoBodySchema = z.object({
  description: paragraphsSchema,
  /** The video file (video/mp4 or video/webm), played from the board's own blob cache. */
  file: mediaRefSchema.extend({ width: pixelsSchema, height: pixelsSchema }),
  captions: z.array(captionTrackSchema).max(20),
});
export type VideoBody = z.infer<typeof videoBodySchema>;
