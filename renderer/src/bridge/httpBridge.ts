import { z } from 'zod';
import type { NewsboardBridge } from '../../../common/bridge/api.js';
import {
  bridgeContract,
  bridgeErrorBodySchema,
  type BridgeEvent,
  type BridgeResult,
} from '../../../common/bridge/contract.js';
import { BridgeError } from './bridgeError.js';
import { keepEventSocket, type OpenSocket } from './eventSocket.js';
import { takeBridgeSecret } from './secret.js';

// A host that hangs must not freeze the board: the caller gets an error and can retry.
const INVOKE_TIMEOUT_MS = 10_000;

export interface HttpBridgeOptions {
  /** `http://127.0.0.1:PORT`: the host serves both the page and the bridge. */
  origin: string;
  secret: string | null;
  fetch?: typeof fetch;
  openSocket?: OpenSocket;
}

/** The Chromium shell's `window.newsboard`: the same contract as the Electron preload, over loopback HTTP + WebSocket. */
export function createHttpBridge(options: HttpBridgeOptions): NewsboardBridge {
  const fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
  const authorization = `Bearer ${options.secret ?? ''}`;
  const openSocket =
    options.openSocket ??
    (() => new WebSocket(`${options.origin.replace(/^http/, 'ws')}/bridge/events`, [`nb.${options.secret ?? ''}`]));

  const listeners = new Map<BridgeEvent, Set<(payload: never) => void>>();
  let socketStarted = false;

  return {
    async invoke(channel, args) {
      let response: Response;
      try {
        response = await fetchImpl(`${options.origin}/bridge/invoke/${channel}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: authorization },
          body: JSON.stringify(args ?? {}),
          credentials: 'omit',
          signal: AbortSignal.timeout(INVOKE_TIMEOUT_MS),
        });
      } catch (error) {
        throw new BridgeError('unreachable', `${channel}: ${error instanceof Error ? error.message : String(error)}`);
      }
      const body: unknown = await response.json().catch(() => undefined);
      if (!response.ok) {
        const parsedError = bridgeErrorBodySchema.safeParse(body);
        if (parsedError.success) throw new BridgeError(parsedError.data.error.code, parsedError.data.error.message);
        throw new BridgeError(
          response.status === 401 ? 'unauthorized' : 'internal',
          `${channel}: HTTP ${response.status}`,
        );
      }
      const parsed = bridgeContract[channel].result.safeParse(body);
      if (!parsed.success) throw new BridgeError('bad-response', `${channel}: ${z.prettifyError(parsed.error)}`);
      return parsed.data as BridgeResult<typeof channel>;
    },

    on(event, listener) {
      let set = listeners.get(event);
      if (set === undefined) listeners.set(event, (set = new Set()));
      set.add(listener);
      // The socket opens with the first subscriber, so a page that never listens never connects.
      if (!socketStarted) {
        socketStarted = true;
        keepEventSocket(openSocket, (name, payload) => {
          for (const notify of listeners.get(name) ?? []) notify(payload as never);
        });
      }
      return () => {
        set.delete(listener);
      };
    },
  };
}

/** Boot-time fallback when no preload provided a bridge: build one from the page's own origin and secret. */
export function installHttpBridge(): NewsboardBridge {
  const bridge = createHttpBridge({ origin: window.location.origin, secret: takeBridgeSecret(window) });
  window.newsboard = bridge;
  return bridge;
}
