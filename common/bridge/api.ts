import type { BridgeArgs, BridgeChannel, BridgeEvent, BridgeEventPayload, BridgeResult } from './contract.js';

/**
 * What the renderer sees as `window.newsboard`, whichever shell provides it (Electron preload or the
 * Chromium shell's HTTP bridge).
 */
export interface NewsboardBridge {
  invoke<K extends BridgeChannel>(channel: K, args: BridgeArgs<K>): Promise<BridgeResult<K>>;
  /** Subscribes to a host event; returns the function that unsubscribes. */
  on<E extends BridgeEvent>(event: E, listener: (payload: BridgeEventPayload<E>) => void): () => void;
}

export type { BridgeErrorBody } from './contract.js';

/** Name of the Electron IPC channel that carries a bridge channel; main and preload both use it. */
export function ipcChannelFor(channel: BridgeChannel): string {
  return `nb:${channel}`;
}

export const IPC_EVENT_CHANNEL = 'nb:event';
