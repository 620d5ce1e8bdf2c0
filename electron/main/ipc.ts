import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { z } from 'zod';
import { ipcChannelFor, type BridgeErrorBody } from '../../common/bridge/api.js';
import { bridgeChannelNames, bridgeContract, type BridgeChannel } from '../../common/bridge/contract.js';
import type { BridgeCallOutcome } from '../../common/bridge/dispatch.js';
import type { Logger } from './log.js';

export type BridgeErrorCode = BridgeErrorBody['error']['code'];

/** Sends a validated call to the kiosk host; rejects when the host cannot be reached. */
export type ForwardBridgeCall = (channel: BridgeChannel, args: unknown) => Promise<BridgeCallOutcome>;

/**
 * Electron passes only an error's message to the renderer, so the code leads the message
 * (`"bad-request: …"`); the preload strips Electron's own prefix so the renderer sees just this.
 */
export class BridgeIpcError extends Error {
  constructor(
    readonly code: BridgeErrorCode,
    detail: string,
  ) {
    super(`${code}: ${detail}`);
  }
}

type InvokeHandler = (event: IpcMainInvokeEvent, args: unknown) => Promise<unknown>;

/**
 * Registers one `ipcMain.handle` per bridge channel. The channel list is the contract's own keys,
 * so a channel added to the contract is served here without a second list to forget, and the
 * arguments are checked against that channel's schema before anything reaches the host.
 */
export function registerBridgeIpc(
  ipcMain: Pick<IpcMain, 'handle'>,
  forward: ForwardBridgeCall,
  isTrustedSender: (frameUrl: string) => boolean,
  logger: Logger,
): void {
  const handlerFor =
    (channel: BridgeChannel): InvokeHandler =>
    async (event, rawArgs) => {
      const frameUrl = event.senderFrame?.url;
      if (frameUrl === undefined || !isTrustedSender(frameUrl)) {
        logger.warn({ channel, frameUrl }, 'bridge call from an untrusted frame refused');
        throw new BridgeIpcError('unauthorized', 'this page may not use the kiosk bridge');
      }
      const parsed = bridgeContract[channel].args.safeParse(rawArgs ?? {});
      if (!parsed.success) throw new BridgeIpcError('bad-request', z.prettifyError(parsed.error));
      let outcome: BridgeCallOutcome;
      try {
        outcome = await forward(channel, parsed.data);
      } catch (error) {
        logger.error({ channel, err: error }, 'bridge call could not reach the kiosk host');
        throw new BridgeIpcError('host-fault', 'the kiosk host is not answering');
      }
      if (outcome.ok) return outcome.result;
      throw new BridgeIpcError(outcome.body.error.code, outcome.body.error.message);
    };

  for (const channel of bridgeChannelNames) ipcMain.handle(ipcChannelFor(channel), handlerFor(channel));
}
