import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../common/content.js';
import { ContentReader } from '../../content-cache/contentReader.js';
import { openReader, openWriter } from '../../content-cache/db/open.js';
import { verifyContentCache } from '../../content-cache/verify.js';
import { BlobStore } from '../../content-format/blobs/fsBlobStore.js';
import { buildPack, type BuiltPack } from '../../content-format/pack/build.js';
import { openFleetDatabase } from '../../server/db/database.js';
import { ReleaseRepository } from '../../server/db/releases.js';
import { publishPack } from '../../server/ingest/publishPack.js';
import { loadOrCreateServerKey } from '../../server/keys/serverKey.js';
import { enrollBoard } from '../../kiosk-config/enrollment/enroll.js';
import { startFleetServer, type RunningFleetServer } from '../../server/main.js';

const KILLS = Number(process.env.NB_FAULT_KILLS ?? 200);
const SEED = Number(process.env.NB_FAULT_SEED ?? 20240601);
const repoRoot = path.resolve(fileURLToPath(import.meta.url), '../../..');
const bundle = path.join(repoRoot, 'node_modules', '.cache', 'newsboard-fault', 'syncChild.mjs');
/**
 * The kill test is about the process dying, not the power: a tmpfs data dir (fsync is free there)
 * keeps 200+ runs inside the time budget without changing any code path under test.
 */
const scratch = existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();

/** mulberry32: a seeded PRNG, so a failing run can be replayed with NB_FAULT_SEED. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function article(id: string, version: number, paragraphs: string[]): Article {
  return {
    id,
    kind: 'article',
    title: `第${version}版 ${id}`,
    source: '测试日报',
    section: '要闻',
    language: 'zh-CN',
    publishedAt: `2024-06-${String((Number(id.slice(1)) % 28) + 1).padStart(2, '0')}`,
    summary: `摘要 ${id}`,
    paragraphs,
  };
}

/** Versions that differ in every body, so each switch downloads anew, with one large body to be caught mid-download. */
function makeVersions(count: number): BuiltPack[] {
  return Array.from({ length: count }, (_, v) =>
    buildPack(
      [
        ...Array.from({ length: 40 }, (_, n) =>
          article(`a${n}`, v, [`版本${v}第${n}篇：${'社区新闻与通知。'.repeat(40 + ((n * 7 + v) % 30))}`]),
        ),
        article(
          'big',
          v,
          Array.from({ length: 12 }, (_, p) => `${v}-${p}:${'整版内容'.repeat(4_900)}`),
        ),
      ],
      'now',
    ),
  );
}

/** FleetSync's own log lines (and the child's round markers), mapped to where in a round the child was. */
const PHASE_OF_LAST_LINE: Record<string, string> = {
  'child ready': 'starting',
  'round start': 'manifest check',
  'new fleet manifest; downloading missing blobs': 'scrub and eviction',
  'blob cache trimmed': 'scrub and eviction',
  'published content alone exceeds the blob cache budget; nothing more can be evicted': 'scrub and eviction',
  'downloading blobs': 'download',
  'resuming blob download': 'download',
  'blob download failed; retrying': 'download',
  'publishing fleet content': 'transaction',
  'published fleet content': 'after publish',
  'sync failed; showing cached content': 'between rounds',
  'round end': 'between rounds',
};

/** What the child was doing when it died, from the last line it wrote. */
function phaseOf(lines: readonly string[]): string {
  const last = lines.at(-1);
  const msg = last ? ((JSON.parse(last) as { msg?: string }).msg ?? '') : 'child ready';
  return PHASE_OF_LAST_LINE[msg] ?? `after "${msg}"`;
}

interface ChildRun {
  lines: string[];
  ready: Promise<void>;
  exited: Promise<void>;
  kill(): void;
  waitFor(test: (entry: Record<string, unknown>) => boolean): Promise<void>;
}

function runChild(kioskDir: string, serverUrl: string, diskBudget: number): ChildRun {
  const child = spawn(process.execPath, [bundle, kioskDir, serverUrl, String(diskBudget)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: string[] = [];
  const watchers: { test: (entry: Record<string, unknown>) => boolean; resolve: () => void }[] = [];
  let buffered = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    buffered += chunk;
    const complete = buffered.split('\n');
    buffered = complete.pop() ?? '';
    for (const line of complete.filter(Boolean)) {
      lines.push(line);
      const entry = JSON.parse(line) as Record<string, unknown>;
      for (const watcher of watchers.filter((w) => w.test(entry))) {
        watchers.splice(watchers.indexOf(watcher), 1);
        watcher.resolve();
      }
    }
  });
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  const waitFor = (test: (entry: Record<string, unknown>) => boolean) =>
    new Promise<void>((resolve, reject) => {
      watchers.push({ test, resolve });
      void exited.then(() => reject(new Error(`sync child exited early:\n${lines.slice(-5).join('\n')}`)));
    });
  return { lines, ready: waitFor((e) => e.msg === 'child ready'), exited, kill: () => child.kill('SIGKILL'), waitFor };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let dir: string;
let server: RunningFleetServer;
let fleetDir: string;
let publisher: ReleaseRepository;
let closeFleetDb: () => Promise<void>;
const versions = makeVersions(6);
const byVersion = new Map(versions.map((pack) => [pack.manifest.version, pack]));

beforeAll(async () => {
  await build({
    entryPoints: [path.join(repoRoot, 'tests/fault/support/syncChild.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    // One file loads far faster than zod's and pino's many modules; only the native addon stays outside.
    external: ['better-sqlite3'],
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    outfile: bundle,
    logLevel: 'silent',
  });
  dir = mkdtempSync(path.join(scratch, 'nb-kill-'));
  fleetDir = path.join(dir, 'fleet');
  mkdirSync(fleetDir);
  server = await startFleetServer({ dataDir: fleetDir, logger: pino({ level: 'silent' }), initialPack: versions[0] });
  const fleetDb = await openFleetDatabase(fleetDir);
  publisher = new ReleaseRepository(fleetDb, loadOrCreateServerKey(fleetDir));
  closeFleetDb = () => fleetDb.destroy();
}, 60_000);

afterAll(async () => {
  await server?.close();
  await closeFleetDb?.();
  rmSync(dir, { recursive: true, force: true });
});

/** Opens the board's data as the next start would and checks it: verify clean, and one whole version readable. */
function checkBoard(kioskDir: string): string | null {
  const db = openWriter(kioskDir);
  const readerDb = openReader(kioskDir);
  try {
    expect(verifyContentCache(db, new BlobStore(kioskDir))).toEqual([]);
    const reader = new ContentReader(readerDb);
    const version = reader.contentVersion();
    const listed = reader
      .list(500)
      .map((item) => item.id)
      .sort();
    if (version === null) {
      expect(listed).toEqual([]);
      return null;
    }
    const pack = byVersion.get(version);
    expect(pack, `unknown version ${version}`).toBeDefined();
    expect(listed).toEqual(pack!.manifest.items.map((item) => item.id).sort());
    const title = pack!.manifest.items.find((item) => item.id === 'a7')!.title;
    expect(reader.article('a7')).toMatchObject({ title });
    expect(reader.article('big')?.paragraphs).toHaveLength(12);
    return version;
  } finally {
    readerDb.close();
    db.close();
  }
}

/** Bytes held in partial downloads: what a kill mid-download leaves for the next run to resume. */
function partialBytes(kioskDir: string): number {
  const root = path.join(kioskDir, 'blobs', 'sha256');
  if (!existsSync(root)) return 0;
  return readdirSync(root, { recursive: true })
    .map(String)
    .filter((name) => name.endsWith('.partial'))
    .reduce((sum, name) => sum + statSync(path.join(root, name)).size, 0);
}

describe('kill -9 during sync', () => {
  it(`leaves a verified, readable board after each of ${KILLS} kills at random moments`, async () => {
    const random = prng(SEED);
    const kioskDir = path.join(dir, 'kiosk');
    mkdirSync(kioskDir);
    const { code } = await server.issueEnrollmentCode({ ttlMs: 60_000 });
    await enrollBoard({ dataDir: kioskDir, serverUrl: server.url, code, logger: pino({ level: 'silent' }) });
    // Room for about two versions: switching versions evicts, so the kills also land in eviction.
    const diskBudget = 1_500_000;
    let next = 1;
    // Publishes run one after another, also those started in the middle of a child's life.
    let publishing: Promise<unknown> = Promise.resolve();
    const publishNext = () =>
      (publishing = publishing.then(async () => {
        await publishPack(versions[next % versions.length]!, new BlobStore(fleetDir), publisher);
        next += 1;
      }));
    const phases = new Map<string, number>();
    let leftPartial = 0;
    let partialBefore = 0;
    let resumed = 0;
    const shown = new Set<string>();
    for (let kill = 0; kill < KILLS; kill += 1) {
      if (random() < 0.45) await publishNext();
      const run = runChild(kioskDir, server.url, diskBudget);
      await run.ready;
      const lifetime = random() * 400;
      if (random() < 0.15) void sleep(random() * lifetime).then(publishNext);
      await sleep(lifetime);
      run.kill();
      await run.exited;
      const phase = phaseOf(run.lines);
      phases.set(phase, (phases.get(phase) ?? 0) + 1);
      resumed += run.lines.filter((line) => line.includes('resuming blob download')).length;
      const partialNow = partialBytes(kioskDir);
      if (partialNow > partialBefore) leftPartial += 1;
      partialBefore = partialNow;
      const version = checkBoard(kioskDir);
      if (version) shown.add(version);
    }

    // After the storm, an undisturbed run reaches the server's latest version.
    await publishing;
    const latest = versions[(next - 1) % versions.length]!.manifest.version;
    const last = runChild(kioskDir, server.url, diskBudget);
    await last.waitFor((entry) => entry.msg === 'round end' && entry.contentVersion === latest && !entry.lastError);
    last.kill();
    await last.exited;
    expect(checkBoard(kioskDir)).toBe(latest);

    console.log(
      `kill -9 fault test (seed ${SEED}): ${KILLS} kills — ` +
        [...phases].map(([phase, count]) => `${count} ${phase}`).join(', ') +
        `; ${leftPartial} left part of a blob on disk, ${resumed} resumed later with a Range request; ` +
        `${shown.size} distinct versions shown; verify clean and a whole version readable after every kill`,
    );
    expect(phases.get('transaction') ?? 0).toBeGreaterThan(0);
    expect(phases.get('download') ?? 0).toBeGreaterThan(0);
    expect(shown.size).toBeGreaterThanOrEqual(2);
  }, 300_000);
});
