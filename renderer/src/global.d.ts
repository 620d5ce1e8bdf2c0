import type { NewsboardBridge } from '../../common/bridge/api.js';

declare global {
  interface Window {
    /** Provided by the Electron preload, or installed by bridge/httpBridge.ts in the Chromium shell. */
    newsboard?: NewsboardBridge;
  }
}
