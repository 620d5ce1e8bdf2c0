import { z } from 'zod';
import { articleSchema, itemIdSchema, itemSummarySchema, languageSchema, searchHitSchema } from '../content.js';

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

export const bridgeContract = {
  'host:info': { args: noArgs, result: hostInfoSchema },
  'content:list': {
    args: z.object({ limit: z.number().int().min(1).max(500).optional() }).strict(),
    result: z.array(itemSummarySchema),
  },
  'content:article': { args: z.object({ id: itemIdSchema }).strict(), result: articleSchema.nullable() },
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
