import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BridgeChannel, BridgeResult } from '../common/bridge/contract.js';
import { dispatchBridgeCall } from '../common/bridge/dispatch.js';
import { itemKindSchema } from '../common/content.js';
import { PACK_FORMAT_V2, packManifestSchema } from '../common/pack.js';
import { ContentWriter } from '../content-cache/contentWriter.js';
import { openWriter } from '../content-cache/db/open.js';
import { importPackDir } from '../content-cache/importPack.js';
import { BlobStore } from '../content-format/blobs/fsBlobStore.js';
import { writePackDir } from '../content-format/pack/directory.js';
import { demoArticles } from '../content-format/seeds/index.js';
import { startKioskHost, type StartedKioskHost } from '../electron/host/kioskHost.js';
import { buildDemoPack } from './demoPack.js';
import { sharedDir } from './paths.js';

const { articles, origin } = demoArticles(sharedDir());
let dir: string;
let host: StartedKioskHost;

/** Calls the host the way both shells do: through argument validation and the host's handlers. */
async function call<K extends BridgeChannel>(channel: K, args: unknown): Promise<BridgeResult<K>> {
  const outcome = await dispatchBridgeCall(host.handlers, channel, args);
  if (!outcome.ok) throw new Error(`${channel}: ${outcome.body.error.message}`);
  return outcome.result as BridgeResult<K>;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'nb-demo-pack-'));
  const packDir = path.join(dir, 'pack');
  const dataDir = path.join(dir, 'data');
  await writePackDir(packDir, buildDemoPack(articles));
  mkdirSync(dataDir);
  const db = openWriter(dataDir);
  try {
    await importPackDir(packDir, new ContentWriter(db), new BlobStore(dataDir));
  } finally {
    db.close();
  }
  host = startKioskHost({
    dataDir,
    serverUrl: null,
    shell: 'none',
    appVersion: '0.0.0',
    logger: pino({ level: 'silent' }),
  });
});

afterAll(async () => {
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

describe(`the demo pack (${origin} articles) on a kiosk host`, () => {
  it('is a newsboard-pack/2 that the same demo always builds with the same version', () => {
    const pack = buildDemoPack(articles, new Date('2025-03-05T08:00:00Z'));
    expect(packManifestSchema.parse(pack.manifest).format).toBe(PACK_FORMAT_V2);
    expect(buildDemoPack(articles, new Date('2025-03-05T20:00:00Z')).manifest.version).toBe(pack.manifest.version);
  });

  it('still lists every demo article on the home screen, the ones placed on the page included', async () => {
    const listed = await call('content:list', { limit: 500 });
    expect(listed.map((item) => item.id).sort()).toEqual(articles.map((article) => article.id).sort());
  });

  it("shows today's paper: a page image to draw and stories to tap, each opening its article", async () => {
    const [shelf] = await call('editions:list', {});
    const edition = await call('content:item', { id: shelf?.id ?? '' });
    if (edition?.kind !== 'edition') throw new Error('no edition on the shelf');
    const front = edition.pages[0];
    const image = await call('media:read', { sha256: front?.image?.sha256 ?? '' });
    expect(image?.mediaType).toBe('image/svg+xml');
    expect(Buffer.from(image?.base64 ?? '', 'base64').toString('utf8')).toMatch(/^<svg /);
    expect(front?.regions.length).toBeGreaterThan(0);
    for (const region of front?.regions ?? []) {
      expect((await call('content:item', { id: region.articleId }))?.kind).toBe('article');
    }
  });

  it('offers the daily quiz, a study column and the notices in force', async () => {
    const every = await call('content:list', { kinds: itemKindSchema.options, limit: 500 });
    expect(new Set(every.map((item) => item.kind))).toEqual(
      new Set(['article', 'edition', 'study-column', 'quiz-bank', 'notice']),
    );
    const today = new Date().toISOString().slice(0, 10);
    expect(await call('quiz:questions', { bankId: 'demo-quiz-media', date: today })).toHaveLength(5);
    const notices = await call('notices:active', {});
    expect(notices.map((notice) => notice.title)).toEqual(['阅报栏每日清晨更新内容', '本周六上午社区义诊']);
  });

  it('refuses malformed arguments on the new channels before they reach the store', async () => {
    const refused = async (channel: BridgeChannel, args: unknown) => {
      const outcome = await dispatchBridgeCall(host.handlers, channel, args);
      return outcome.ok ? 'answered' : outcome.body.error.code;
    };
    expect(await refused('content:list', { kinds: ['poster'] })).toBe('bad-request');
    expect(await refused('media:read', { sha256: '../../kiosk.sqlite' })).toBe('bad-request');
    expect(await refused('quiz:questions', { bankId: 'demo-quiz-media', date: '2025-13-40' })).toBe('bad-request');
    expect(await refused('book:chapter', { bookId: 'x', chapterId: '../c1' })).toBe('bad-request');
    expect(await refused('content:item', { id: 'seed-001-edition', extra: 1 })).toBe('bad-request');
  });
});
