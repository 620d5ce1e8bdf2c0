import { z } from 'zod';

/**
 * Building blocks every kind's schema shares. They sit here rather than in content.ts so that the
 * kind modules and content.ts can both import them without a cycle.
 */
export const itemIdSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'ids are ASCII letters, digits and . _ : -');

/** Languages the kiosk shows content and interface in. zh-TW covers traditional script generally. */
export const languageSchema = z.enum(['zh-CN', 'zh-TW', 'en']);
export type Language = z.infer<typeof languageSchema>;

export const sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/, 'sha256 as 64 lowercase hex digits');

/** A content-addressed blob as a manifest lists it: enough to download and verify it. */
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

/**
 * A body's reference to one of its item's media blobs. Size and media type are not repeated: the
 * item lists every blob it uses in its `media` (see common/pack.ts), so a board knows all it must
 * download from the manifest alone, before it reads any body.
 */
export const mediaRefSchema = z.object({ sha256: sha256HexSchema });
export type MediaRef = z.infer<typeof mediaRefSchema>;

/** Pixel sizes: 1 to 100,000 covers a 600 dpi broadsheet page and rejects nonsense. */
export const pixelsSchema = z.number().int().min(1).max(100_000);

export const imageRefSchema = mediaRefSchema.extend({
  width: pixelsSchema,
  height: pixelsSchema,
  /** Text for read-aloud and for readers who cannot see the image. */
  alt: z.string().max(500).optional(),
});
export type ImageRef = z.infer<typeof imageRefSchema>;

/** A calendar date, YYYY-MM-DD: an edition's issue date. */
export const isoDateSchema = z.iso.date();

/**
 * An instant with its offset (or Z). Windows that gate what a passerby sees (expiry, notice
 * validity) must be unambiguous: a bare date or local time would mean different instants on boards
 * in different time zones.
 */
export const instantSchema = z.iso.datetime({ offset: true });

export const paragraphsSchema = z.array(z.string().max(20_000)).max(2_000);

/** Ingest-sanitized HTML; the renderer sanitizes it once more before it touches the DOM. */
export const sanitizedHtmlSchema = z.string().max(2_000_000);

/** Links a board may show as a QR code to continue on a phone: http(s) only, never script or data. */
export const httpUrlSchema = z.url({ protocol: /^https?$/ }).max(2_000);
