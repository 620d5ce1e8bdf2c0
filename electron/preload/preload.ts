import { contextBridge, ipcRenderer } from 'electron';
import { IPC_EVENT_CHANNEL, ipcChannelFor, type NewsboardBridge } from '../../common/bridge/api.js';
import type { BridgeArgs, BridgeChannel, BridgeEvent, BridgeEventPayload } from '../../common/bridge/contract.js';

/*
 * The allowlists are typed from the contract rather than read from it at run time: importing
 * contract.ts would bundle zod into the sandboxed preload. A Record over the contract's keys makes
 * the compiler reject this file until a channel or event added to the contract is listed here.
 */
const allowedChannels: Record<BridgeChannel, true> = {
  'host:info': true,
  'content:list': true,
  'content:article': true,
  'content:search': true,
  'content:item': true,
  'notices:active': true,
  'editions:list': true,
  'quiz:questions': true,
  'book:chapter': true,
  'media:read': true,
  'sync:status': true,
  'sync:now': true,
};
const allowedEvents: Record<BridgeEvent, true> = {
  'content:changed': true,
  'sync:status': true,
  'ui:language': true,
};

const isAllowedChannel = (name: unknown): name is BridgeChannel =>
  typeof name === 'string' && Object.hasOwn(allowedChannels, name);
const isAllowedEvent = (name: unknown): name is BridgeEvent =>
  typeof name === 'string' && Object.hasOwn(allowedEvents, name);

// Electron wraps main-process errors as "Error invoking remote method 'nb:…': Error: <code>: <message>";
// the renderer gets "<code>: <message>", the same shape whichever shell it runs in.
const ELECTRON_ERROR_PREFIX = /^Error invoking remote method '[^']*': (?:\w*Error: )?/;

function rendererError(error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  return new Error(message.replace(ELECTRON_ERROR_PREFIX, ''));
}

type Listener = (payload: unknown) => void;
// Keyed by event name; on() admits only contract events, so nothing else ever has a subscriber.
const listeners = new Map<string, Set<Listener>>();

// One IPC listener for all subscriptions: the renderer may subscribe often, and only the payload
// (never the IpcRendererEvent, which reaches ipcRenderer through `sender`) is handed on.
ipcRenderer.on(IPC_EVENT_CHANNEL, (_event, message: unknown) => {
  if (typeof message !== 'object' || message === null) return;
  const { event, payload } = message as { event?: unknown; payload?: unknown };
  const subscribed = typeof event === 'string' ? listeners.get(event) : undefined;
  for (const listener of [...(subscribed ?? [])]) {
    try {
      listener(payload);
    } catch (error) {
      // One failing subscriber must not starve the others; the error still surfaces.
      queueMicrotask(() => {
        throw error;
      });
    }
  }
});

const api = {
  invoke<K extends BridgeChannel>(channel: K, args: BridgeArgs<K>) {
    if (!isAllowedChannel(channel)) {
      return Promise.reject(new Error(`unknown-channel: no bridge channel ${String(channel)}`));
    }
    return ipcRenderer.invoke(ipcChannelFor(channel), args).catch((error: unknown) => {
      throw rendererError(error);
    });
  },
  on<E extends BridgeEvent>(event: E, listener: (payload: BridgeEventPayload<E>) => void) {
    if (!isAllowedEvent(event)) throw new Error(`unknown-event: no bridge event ${String(event)}`);
    if (typeof listener !== 'function') throw new Error('bad-request: listener must be a function');
    const set = listeners.get(event) ?? new Set<Listener>();
    listeners.set(event, set);
    const entry: Listener = (payload) => listener(payload as BridgeEventPayload<E>);
    set.add(entry);
    return () => {
      set.delete(entry);
    };
  },
} satisfies NewsboardBridge;

contextBridge.exposeInMainWorld('newsboard', api);
