import { z } from 'zod';
import {
  articleSchema,
  bookChapterSchema,
  contentItemSchema,
  editionSummarySchema,
  itemIdSchema,
  itemKindSchema,
  itemSummarySchema,
  languageSchema,
  noticeSchema,
  quizQuestionSchema,
  searchHitSchema,
} from '../content.js';
import { isoDateSchema, sha256HexSchema } from '../kinds/base.js';
import { bookChapterIdSchema } from '../kinds/book.js';
import { quizTagSchema } from '../kinds/quiz.js';

/**
 * The one bridge contract between the renderer and the kiosk host. Every channel has an argument
 * schema and a result schema; `BridgeChannels` below is derived from them, and the Electron main
 * handlers, the preload allowlist and the Chromium HTTP bridge are all typed from that map, so a
 * channel added here makes the compiler point at every side that must handle it.
 */
export const syncStatusSchema = z.object({
  /** Whether the last attempt to reach the fleet server succeeded; false in standalone mode too. */
  online: z.boolean(),
  serverUrl: z.string().nullable(),
  contentVersion: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
  lastError: z.string().nullable(),
  /** Body bytes (manifest and blobs) downloaded on the board's current calendar day. */
  bytesToday: z.number().int().nonnegative().optional(),
  /** Blobs the newest known version still needs before it can be published. */
  pendingBlobs: z.number().int().nonnegative().optional(),
  /** Why those blobs wait although nothing failed (download window, daily byte budget); null when they don't. */
  pendingReason: z.string().nullable().optional(),
  /** When the schedule runs the next round (before its random delay); null when no schedule runs. */
  nextAttemptAt: z.string().nullable().optional(),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

/** A fault the host cannot work around; the renderer shows a safe screen with its message. */
export const hostFaultSchema = z.object({
  code: z.enum(['data-dir-missing', 'data-dir-unwritable', 'database-too-new', 'database-corrupt', 'internal']),
  detail: z.string(),
});
export type HostFault = z.infer<typeof hostFaultSchema>;

export const hostInfoSchema = z.object({
  appVersion: z.string(),
  shell: z.enum(['electron', 'chromium', 'none']),
  fault: hostFaultSchema.nullable(),
});
export type HostInfo = z.infer<typeof hostInfoSchema>;

/** Errors crossing the bridge carry a stable code the renderer can translate, never a stack. */
export const bridgeErrorBodySchema = z.object({
  error: z.object({
    code: z.enum(['bad-request', 'unknown-channel', 'unauthorized', 'host-fault', 'internal']),
    message: z.string(),
  }),
});
export type BridgeErrorBody = z.infer<typeof bridgeErrorBodySchema>;

const noArgs = z.object({}).strict();

/**
 * A media blob (image, page image, captions) for the renderer to show as a blob: URL, which the CSP
 * allows; video files are too large for the bridge and are not served here.
 */
export const mediaBlobSchema = z.object({ mediaType: z.string(), base64: z.string() });
export type MediaBlob = z.infer<typeof mediaBlobSchema>;
export const MAX_MEDIA_READ_BYTES = 16 * 1024 * 1024;

export const bridgeContract = {
  'host:info': { args: noArgs, result: hostInfoSchema },
  'content:list': {
    args: z
      .object({
        limit: z.number().int().min(1).max(500).optional(),
        /** Articles only when absent. */
        kinds: z.array(itemKindSchema).min(1).max(itemKindSchema.options.length).optional(),
        section: z.string().max(100).optional(),
      })
      .strict(),
    result: z.array(itemSummarySchema),
  },
  'content:article': { args: z.object({ id: itemIdSchema }).strict(), result: articleSchema.nullable() },
  /** Any item, whole, by id: a discriminated union on `kind`; null when absent, expired or not yet valid. */
  'content:item': { args: z.object({ id: itemIdSchema }).strict(), result: contentItemSchema.nullable() },
  /** Notices in force now: emergencies first, then priority, then the newest. */
  'notices:active': {
    args: z.object({ limit: z.number().int().min(1).max(100).optional() }).strict(),
    result: z.array(noticeSchema),
  },
  /** The shelf (newest issue of each publication), or one publication's back issues, newest first. */
  'editions:list': {
    args: z
      .object({ publicationId: itemIdSchema.optional(), limit: z.number().int().min(1).max(500).optional() })
      .strict(),
    result: z.array(editionSummarySchema),
  },
  /** Questions of a quiz bank (5 when no limit is given); with `date`, that day's selection, the same for every passerby. */
  'quiz:questions': {
    args: z
      .object({
        bankId: itemIdSchema,
        tag: quizTagSchema.optional(),
        date: isoDateSchema.optional(),
        limit: z.number().int().min(1).max(100).optional(),
      })
      .strict(),
    result: z.array(quizQuestionSchema),
  },
  'book:chapter': {
    args: z.object({ bookId: itemIdSchema, chapterId: bookChapterIdSchema }).strict(),
    result: bookChapterSchema.nullable(),
  },
  /** A media blob a published item uses; null for any other hash or one over MAX_MEDIA_READ_BYTES. */
  'media:read': { args: z.object({ sha256: sha256HexSchema }).strict(), result: mediaBlobSchema.nullable() },
  'content:search': {
    args: z.object({ query: z.string().max(200), limit: z.number().int().min(1).max(100).optional() }).strict(),
    result: z.array(searchHitSchema),
  },
  'sync:status': { args: noArgs, result: syncStatusSchema },
  'sync:now': { args: noArgs, result: syncStatusSchema },
} as const;

export const bridgeEventContract = {
  'content:changed': z.object({ contentVersion: z.string() }),
  'sync:status': syncStatusSchema,
  'ui:language': z.object({ language: languageSchema }),
} as const;

type Contract = typeof bridgeContract;
export type BridgeChannel = keyof Contract;
export type BridgeArgs<K extends BridgeChannel> = z.input<Contract[K]['args']>;
export type BridgeResult<K extends BridgeChannel> = z.output<Contract[K]['result']>;

/** Channel name → function type: the map every side is typed from. */
export type BridgeChannels = { [K in BridgeChannel]: (args: BridgeArgs<K>) => Promise<BridgeResult<K>> };

export type BridgeEvent = keyof typeof bridgeEventContract;
export type BridgeEventPayload<E extends BridgeEvent> = z.output<(typeof bridgeEventContract)[E]>;
export type BridgeEvents = { [E in BridgeEvent]: BridgeEventPayload<E> };

export const bridgeChannelNames = Object.keys(bridgeContract) as BridgeChannel[];
export const bridgeEventNames = Object.keys(bridgeEventContract) as BridgeEvent[];

export function isBridgeChannel(name: unknown): name is BridgeChannel {
  return typeof name === 'string' && Object.hasOwn(bridgeContract, name);
}

export function isBridgeEvent(name: unknown): name is BridgeEvent {
  return typeof name === 'string' && Object.hasOwn(bridgeEventContract, name);
}
