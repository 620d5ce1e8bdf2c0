import { vi } from 'vitest';
import type { BridgeChannels } from '../../../common/bridge/contract.js';
import type { BridgeEventListener, KioskHost } from '../types.js';

export const idleStatus = {
  online: false,
  serverUrl: null,
  contentVersion: null,
  lastAttemptAt: null,
  lastSuccessAt: null,
  lastError: null,
};

/** A KioskHost with canned answers, whose handlers are mocks and whose events the test emits. */
export function fakeKioskHost() {
  const listeners = new Set<BridgeEventListener>();
  const handlers = {
    'host:info': vi.fn(async () => ({ appVersion: '0.1.0', shell: 'electron' as const, fault: null })),
    'content:list': vi.fn(async () => []),
    'content:article': vi.fn(async () => null),
    'content:search': vi.fn(async ({ query }: { query: string }) => [
      { id: 'a1', kind: 'article' as const, title: query, titleMarks: [], snippet: '', snippetMarks: [] },
    ]),
    'content:item': vi.fn(async () => null),
    'notices:active': vi.fn(async () => []),
    'editions:list': vi.fn(async () => []),
    'quiz:questions': vi.fn(async () => []),
    'book:chapter': vi.fn(async () => null),
    'media:read': vi.fn(async () => null),
    'sync:status': vi.fn(async () => idleStatus),
    'sync:now': vi.fn(async () => idleStatus),
  } satisfies BridgeChannels;
  const host: KioskHost = {
    handlers,
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: async () => {},
  };
  const emit: BridgeEventListener = (event, payload) => listeners.forEach((listener) => listener(event, payload));
  return { host, handlers, listeners, emit };
}
