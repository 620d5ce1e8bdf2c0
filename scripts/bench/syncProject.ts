// The project side of scripts/bench/sync.ts, bundled by it: a fleet server with generated content,
// and kiosks whose sync rounds are measured one by one.
import { mkdirSync } from 'node:fs';
import { pino } from 'pino';
import type { Article } from '../../common/content.js';
import { ContentWriter } from '../../content-cache/contentWriter.js';
import { openWriter } from '../../content-cache/db/open.js';
import type { SyncConfigInput } from '../../content-cache/sync/config.js';
import { FleetSync } from '../../content-cache/sync/fleetSync.js';
import { deviceState } from '../../electron/host/fleetLink.js';
import { enrollBoard } from '../../kiosk-config/enrollment/enroll.js';
import { StatusReporter } from '../../kiosk-config/reports/statusReporter.js';
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

/** The fleet, with one enrollment code per bench kiosk. */
export async function startBenchFleet(
  dataDir: string,
  items: number,
  kiosks: number,
): Promise<{ server: RunningFleetServer; codes: string[] }> {
  const server = await startFleetServer({ dataDir, logger, initialPack: buildPack(articles(items), 'bench') });
  const codes: string[] = [];
  for (let n = 0; n < kiosks; n += 1) codes.push((await server.issueEnrollmentCode({ ttlMs: 3_600_000 })).code);
  return { server, codes };
}

export interface RoundSample {
  requests: number;
  bodyBytes: number;
  cpuMs: number;
  wallMs: number;
  /** The status report posted after the round (not part of the round: it never holds sync up). */
  reportRequests: number;
  reportBodyBytes: number;
  reportCpuMs: number;
}

export async function startBenchKiosk(dataDir: string, serverUrl: string, code: string, config: SyncConfigInput) {
  mkdirSync(dataDir, { recursive: true });
  const identity = await enrollBoard({ dataDir, serverUrl, code, logger });
  const db = openWriter(dataDir);
  let requests = 0;
  let sentBytes = 0;
  const countingFetch: typeof fetch = (input, init) => {
    requests += 1;
    if (typeof init?.body === 'string') sentBytes += Buffer.byteLength(init.body);
    return fetch(input, init);
  };
  const target = { serverUrl, deviceId: identity.deviceId, token: identity.token };
  const reporter = new StatusReporter({ target, logger, fetch: countingFetch });
  const sync = new FleetSync(
    {
      serverUrl,
      device: { deviceId: identity.deviceId, token: identity.token, trustedKeys: [identity.serverPublicKey] },
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
      const roundRequests = requests - before.requests;
      const reportBefore = { requests, sentBytes };
      const reportCpu = process.cpuUsage();
      reporter.submit(deviceState(status, sync.appliedVersion()));
      if (!(await reporter.flush())) throw new Error('status report failed');
      const reportUsed = process.cpuUsage(reportCpu);
      return {
        requests: roundRequests,
        bodyBytes: (status.bytesToday ?? 0) - before.bytes,
        cpuMs: (used.user + used.system) / 1000,
        wallMs,
        reportRequests: requests - reportBefore.requests,
        reportBodyBytes: sentBytes - reportBefore.sentBytes,
        reportCpuMs: (reportUsed.user + reportUsed.system) / 1000,
      };
    },
    close: () => db.close(),
  };
}
