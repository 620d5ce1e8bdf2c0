import type { NewsboardBridge } from '../../../common/bridge/api.js';
import type {
  BridgeArgs,
  BridgeChannel,
  BridgeEvent,
  BridgeEventPayload,
  BridgeResult,
  SyncStatus,
} from '../../../common/bridge/contract.js';
import type { Article, ArticleSummary } from '../../../common/content.js';

type Handlers = { [K in BridgeChannel]?: (args: BridgeArgs<K>) => BridgeResult<K> | Promise<BridgeResult<K>> };

/** A host in memory: tests choose its answers per channel and fire its events. */
export interface FakeBridge extends NewsboardBridge {
  handlers: Handlers;
  calls: { channel: BridgeChannel; args: unknown }[];
  emit<E extends BridgeEvent>(event: E, payload: BridgeEventPayload<E>): void;
}

export const onlineStatus: SyncStatus = {
  online: true,
  serverUrl: 'https://fleet.example',
  contentVersion: 'v1',
  lastAttemptAt: '2025-11-22T08:00:00+08:00',
  lastSuccessAt: '2025-11-22T08:00:00+08:00',
  lastError: null,
};

/** Dates in the current year, so lists show them without a year, as they would for today's news. */
export const thisYear = new Date().getFullYear();

export function summary(id: string, title: string, extra: Partial<ArticleSummary> = {}): ArticleSummary {
  return {
    id,
    kind: 'article',
    title,
    source: '新华社',
    section: '要闻',
    language: 'zh-CN',
    publishedAt: `${thisYear}-11-22`,
    summary: `${title}的摘要。`,
    ...extra,
  };
}

export function article(item: ArticleSummary, paragraphs: string[]): Article {
  return { ...item, paragraphs };
}

export function createFakeBridge(handlers: Handlers = {}): FakeBridge {
  const listeners = new Map<BridgeEvent, Set<(payload: never) => void>>();
  const defaults: Handlers = {
    'host:info': () => ({ appVersion: '0.0.0-test', shell: 'none', fault: null }),
    'content:list': () => [],
    'content:article': () => null,
    'sync:status': () => onlineStatus,
  };
  const bridge: FakeBridge = {
    handlers: { ...defaults, ...handlers },
    calls: [],
    async invoke(channel, args) {
      bridge.calls.push({ channel, args });
      const handler = bridge.handlers[channel] as ((args: unknown) => unknown) | undefined;
      if (handler === undefined) throw new Error(`fake bridge has no handler for ${channel}`);
      return (await handler(args)) as BridgeResult<typeof channel>;
    },
    on(event, listener) {
      let set = listeners.get(event);
      if (set === undefined) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
    emit(event, payload) {
      for (const listener of listeners.get(event) ?? []) listener(payload as never);
    },
  };
  return bridge;
}
