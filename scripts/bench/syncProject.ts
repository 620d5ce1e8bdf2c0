// The project side of scripts/bench/sync.ts, bundled by it: a fleet server with generated content,
// and kiosks whose sync rounds are measured one by one.
import { mkdirSync } from 'node:fs';
import { pino } from 'pino';
import type { Article } from '../../common/content.js';
import { ContentWriter } from '../../content-cache/contentWriter.js';
import { openWriter } from '../../content-cache/db/open.js';
import type { SyncConfigInput } from '../../content-cache/sync/config.js';
import { FleetSync } from '../../content-cache/sync/fleetSync.js';
import { BlobStore } from '../../content-format/blobs/fsBlobStore.js';
import { buildPack } from '../../content-format/pack/build.js';
import { startFleetServer, type RunningFleetServer } from '../../server/main.js';

const logger = pino({ level: 'silent' });
const PHRASES = [
  '社区服务中心',
  '地铁新线',
  '图书馆开放时间',
  '垃圾分类',
  '义诊活动',
  '停水通知',
  '老年食堂',
  '文明城市',
];

/** Deterministic articles of about 800 characters, so figures compare across runs. */
function articles(count: number): Article[] {
  return Array.from({ length: count }, (_, n) => {
    const sentence = (k: number) => `${PHRASES[(n + k) % PHRASES.length]}第${n}条第${k}句，居民反映良好。`;
    const paragraphs = Array.from({ length: 4 }, (_, p) =>
      Array.from({ length: 12 }, (_, k) => sentence(p * 12 + k)).join(''),
    );
    return {
      id: `b${n}`,
      kind: 'article',
      title: `${PHRASES[n % PHRASES.length]} ${n}`,
      source: '社区报',
      section: '要闻',
      language: 'zh-CN',
      publishedAt: `2024-06-${String((n % 28) + 1).padStart(2, '0')}`,
      summary: paragraphs[0]!.slice(0, 60),
      paragraphs,
    };
  });
}

export function startBenchFleet(dataDir: string, items: number): Promise<RunningFleetServer> {
  return startFleetServer({ dataDir, logger, initialPack: buildPack(articles(items), 'bench') });
}

export interface RoundSample {
  requests: number;
  bodyBytes: number;
  cpuMs: number;
  wallMs: number;
}

export async function startBenchKiosk(dataDir: string, serverUrl: string, config: SyncConfigInput) {
  mkdirSync(dataDir, { recursive: true });
  const db = openWriter(dataDir);
  let requests = 0;
  const countingFetch: typeof fetch = (input, init) => {
    requests += 1;
    return fetch(input, init);
  };
  const sync = new FleetSync(
    {
      serverUrl,
      writer: new ContentWriter(db),
      db,
      blobs: new BlobStore(dataDir),
      logger,
      config: { maxRandomDelayMs: 0, ...config },
      fetch: countingFetch,
      onPublished: () => {},
      onStatus: () => {},
    },
    null,
  );
  return {
    async round(): Promise<RoundSample> {
      const before = { requests, bytes: sync.status().bytesToday ?? 0 };
      const cpu = process.cpuUsage();
      const start = performance.now();
      const status = await sync.syncOnce();
      const wallMs = performance.now() - start;
      const used = process.cpuUsage(cpu);
      if (status.lastError) throw new Error(`sync round failed: ${status.lastError}`);
      return {
        requests: requests - before.requests,
        bodyBytes: (status.bytesToday ?? 0) - before.bytes,
        cpuMs: (used.user + used.system) / 1000,
        wallMs,
      };
    },
    close: () => db.close(),
  };
}
