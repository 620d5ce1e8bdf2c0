import type { BridgeChannels, BridgeEvent, BridgeEventPayload } from '../../common/bridge/contract.js';

export type BridgeEventListener = <E extends BridgeEvent>(event: E, payload: BridgeEventPayload<E>) => void;

/** A running kiosk host as a transport (Electron IPC relay or the Chromium HTTP bridge) sees it. */
export interface KioskHost {
  readonly handlers: BridgeChannels;
  /** Subscribes to every host event; returns the function that unsubscribes. */
  onEvent(listener: BridgeEventListener): () => void;
  close(): Promise<void>;
}
