import { z } from 'zod';
import type { BridgeErrorBody } from './api.js';
import { bridgeContract, isBridgeChannel, type BridgeChannel, type BridgeChannels } from './contract.js';

export type BridgeCallOutcome =
  { ok: true; result: unknown } | { ok: false; status: 400 | 404 | 500 | 503; body: BridgeErrorBody };

/**
 * Validates a call that crossed a trust boundary and runs it. Both transports (Electron IPC and the
 * Chromium shell's HTTP bridge) go through here, so no channel can skip argument validation.
 */
export async function dispatchBridgeCall(
  handlers: BridgeChannels,
  channel: unknown,
  rawArgs: unknown,
): Promise<BridgeCallOutcome> {
  if (!isBridgeChannel(channel)) {
    return {
      ok: false,
      status: 404,
      body: { error: { code: 'unknown-channel', message: `no bridge channel ${String(channel)}` } },
    };
  }
  const parsed = bridgeContract[channel].args.safeParse(rawArgs ?? {});
  if (!parsed.success) {
    return { ok: false, status: 400, body: { error: { code: 'bad-request', message: z.prettifyError(parsed.error) } } };
  }
  try {
    const handler = handlers[channel] as (args: unknown) => Promise<unknown>;
    return { ok: true, result: await handler(parsed.data) };
  } catch (error) {
    if (error instanceof HostFaultError) {
      return { ok: false, status: 503, body: { error: { code: 'host-fault', message: error.message } } };
    }
    return {
      ok: false,
      status: 500,
      body: { error: { code: 'internal', message: 'the kiosk host failed to answer' } },
    };
  }
}

/** Thrown by handlers that cannot answer because the host is in a fault state (no usable database). */
export class HostFaultError extends Error {
  override name = 'HostFaultError';
}

export type { BridgeChannel };
