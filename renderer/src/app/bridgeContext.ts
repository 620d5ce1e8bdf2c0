import { createContext, use } from 'react';
import type { NewsboardBridge } from '../../../common/bridge/api.js';

/** The app reaches the host only through this context, so tests hand in a fake and no component touches `window`. */
export const BridgeContext = createContext<NewsboardBridge | null>(null);

export function useBridge(): NewsboardBridge {
  const bridge = use(BridgeContext);
  if (bridge === null) throw new Error('useBridge outside <BridgeContext>');
  return bridge;
}
