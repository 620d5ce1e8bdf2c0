import { bridgeEventContract, isBridgeEvent, type BridgeEvent } from '../../../common/bridge/contract.js';

/** The part of the browser WebSocket the event channel uses; tests pass a fake. */
export interface SocketLike {
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  close(): void;
}
export type OpenSocket = () => SocketLike;

type Dispatch = (event: BridgeEvent, payload: unknown) => void;

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 15_000;

/**
 * Keeps one event socket open for as long as the page lives. The host may restart (crash recovery,
 * update), so a closed socket is reopened with backoff instead of leaving the board deaf to
 * content changes.
 */
export function keepEventSocket(open: OpenSocket, dispatch: Dispatch): void {
  let retryMs = FIRST_RETRY_MS;
  const connect = (): void => {
    const socket = open();
    socket.onopen = () => {
      retryMs = FIRST_RETRY_MS;
    };
    socket.onmessage = (message) => {
      const parsed = parseEventMessage(message.data);
      if (parsed !== null) dispatch(parsed.event, parsed.payload);
    };
    socket.onclose = () => {
      socket.onopen = socket.onmessage = socket.onclose = null;
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
    };
  };
  connect();
}

/** Anything that is not a `{event, payload}` the contract allows is dropped: the host is not trusted blindly either. */
export function parseEventMessage(data: unknown): { event: BridgeEvent; payload: unknown } | null {
  if (typeof data !== 'string') return null;
  let message: unknown;
  try {
    message = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof message !== 'object' || message === null) return null;
  const { event, payload } = message as { event?: unknown; payload?: unknown };
  if (!isBridgeEvent(event)) return null;
  const parsed = bridgeEventContract[event].safeParse(payload);
  return parsed.success ? { event, payload: parsed.data } : null;
}
