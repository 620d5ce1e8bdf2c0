import { z } from 'zod';

/**
 * Messages between the Electron main process and the kiosk host running in a utilityProcess.
 * Main has already checked the sender and validated the arguments; the host validates again
 * (dispatchBridgeCall), because it cannot know what is on the other end of its port.
 */
export const hostRpcRequestSchema = z.object({
  type: z.literal('call'),
  id: z.number().int().nonnegative(),
  channel: z.string().max(100),
  args: z.unknown(),
});
export type HostRpcRequest = z.infer<typeof hostRpcRequestSchema>;

export const hostRpcMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('result'),
    id: z.number().int().nonnegative(),
    outcome: z.union([
      z.object({ ok: z.literal(true), result: z.unknown() }),
      z.object({
        ok: z.literal(false),
        status: z.number().int(),
        body: z.object({ error: z.object({ code: z.string(), message: z.string() }) }),
      }),
    ]),
  }),
  z.object({ type: z.literal('event'), event: z.string().max(100), payload: z.unknown() }),
  /** Sent once the host has opened its storage, or failed to (fault is then what the screen shows). */
  z.object({ type: z.literal('ready'), fault: z.object({ code: z.string(), detail: z.string() }).nullable() }),
]);
export type HostRpcMessage = z.infer<typeof hostRpcMessageSchema>;
