import { dispatchBridgeCall, type BridgeCallOutcome } from '../../common/bridge/dispatch.js';
import { hostRpcRequestSchema, type HostRpcMessage } from '../../common/bridge/rpc.js';
import type { KioskHost } from './types.js';

/** The shape of `process.parentPort` inside an Electron utilityProcess; plain Node, so tests fake it. */
export interface ParentPortLike {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

export interface TransportLogger {
  warn(fields: object, message?: string): void;
}

const internalError: BridgeCallOutcome = {
  ok: false,
  status: 500,
  body: { error: { code: 'internal', message: 'the kiosk host could not send its answer' } },
};

/**
 * Serves the host's bridge handlers to the Electron main process over the utilityProcess port.
 * Main already validated the call, but the host cannot know who holds the other end of its port,
 * so every request goes through dispatchBridgeCall again. Returns a function that stops serving.
 */
export function serveHostOverParentPort(host: KioskHost, port: ParentPortLike, logger: TransportLogger): () => void {
  let open = true;

  const post = (message: HostRpcMessage): boolean => {
    try {
      port.postMessage(message);
      return true;
    } catch (error) {
      // A value that cannot be structured-cloned (a function, a class instance with a private slot).
      logger.warn({ err: error, type: message.type }, 'message to the Electron main process could not be sent');
      return false;
    }
  };

  port.on('message', ({ data }) => {
    if (!open) return;
    const parsed = hostRpcRequestSchema.safeParse(data);
    if (!parsed.success) {
      logger.warn({ issues: parsed.error.issues.slice(0, 5) }, 'malformed request from the Electron main process');
      // Answer what can be answered, so the caller fails now instead of at its timeout.
      const id = (data as { id?: unknown } | null)?.id;
      if (typeof id === 'number' && Number.isSafeInteger(id) && id >= 0) {
        post({
          type: 'result',
          id,
          outcome: {
            ok: false,
            status: 400,
            body: { error: { code: 'bad-request', message: 'malformed bridge request' } },
          },
        });
      }
      return;
    }
    const { id, channel, args } = parsed.data;
    void dispatchBridgeCall(host.handlers, channel, args).then((outcome) => {
      if (!open) return;
      if (!post({ type: 'result', id, outcome })) post({ type: 'result', id, outcome: internalError });
    });
  });

  const unsubscribe = host.onEvent((event, payload) => {
    if (open) post({ type: 'event', event, payload });
  });

  return () => {
    open = false;
    unsubscribe();
  };
}
