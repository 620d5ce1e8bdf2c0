import { createServer, type Server } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HostFaultError, dispatchBridgeCall } from '../../common/bridge/dispatch.js';
import type { Article } from '../../common/content.js';
import { ContentWriter } from '../../content-cache/contentWriter.js';
import { DATABASE_FILE, openWriter } from '../../content-cache/db/open.js';
import { importPackDir } from '../../content-cache/importPack.js';
import { BlobStore } from '../../content-format/blobs/fsBlobStore.js';
import { buildPack } from '../../content-format/pack/build.js';
import { writePackDir } from '../../content-format/pack/directory.js';
import { startKioskHost, type KioskHostOptions, type StartedKioskHost } from './kioskHost.js';
import { saveTestEnrollment } from './testing/testEnrollment.js';

const logger = pino({ level: 'silent' });

let root: string;
let host: StartedKioskHost | null;
let server: Server | null;

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'nb-host-'));
  host = null;
  server = null;
});

afterEach(async () => {
  await host?.close();
  if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
  rmSync(root, { recursive: true, force: true });
});

function start(options: Partial<KioskHostOptions> & { dataDir: string }): StartedKioskHost {
  host = startKioskHost({ serverUrl: null, shell: 'chromium', appVersion: '9.9.9', logger, ...options });
  return host;
}

async function provisionedDataDir(): Promise<string> {
  const dataDir = path.join(root, 'data');
  mkdirSync(dataDir);
  const articles: Article[] = [
    {
      id: 'n1',
      kind: 'article',
      title: '停水通知',
      source: '物业',
      section: '通知',
      language: 'zh-CN',
      publishedAt: '2024-05-01',
      summary: '周三停水',
      paragraphs: ['周三上午九点至十二点停水。'],
    },
    {
      id: 'n2',
      kind: 'article',
      title: '义诊活动',
      source: '街道办',
      section: '通知',
      language: 'zh-CN',
      publishedAt: '2024-05-02',
      summary: '周六义诊',
      paragraphs: ['周六上午在社区服务中心义诊。'],
    },
  ];
  const packDir = path.join(root, 'usb');
  await writePackDir(packDir, buildPack(articles, 'now'));
  const db = openWriter(dataDir);
  try {
    await importPackDir(packDir, new ContentWriter(db), new BlobStore(dataDir));
  } finally {
    db.close();
  }
  return dataDir;
}

describe('startKioskHost in a fault state', () => {
  it('reports a missing data dir instead of creating it', async () => {
    const dataDir = path.join(root, 'unmounted');
    const started = start({ dataDir });
    expect(started.fault?.code).toBe('data-dir-missing');
    expect(await started.handlers['host:info']({})).toEqual({
      appVersion: '9.9.9',
      shell: 'chromium',
      fault: started.fault,
    });
    await expect(started.handlers['content:list']({})).rejects.toBeInstanceOf(HostFaultError);
    await expect(started.handlers['content:search']({ query: '天气' })).rejects.toThrow(dataDir);
    const outcome = await dispatchBridgeCall(started.handlers, 'content:article', { id: 'n1' });
    expect(outcome).toMatchObject({ ok: false, status: 503, body: { error: { code: 'host-fault' } } });
    expect(existsSync(dataDir)).toBe(false);
  });

  it('reports a database file that is not a database and leaves it alone', async () => {
    const dataDir = path.join(root, 'data');
    mkdirSync(dataDir);
    writeFileSync(path.join(dataDir, DATABASE_FILE), 'garbage '.repeat(1000));
    const started = start({ dataDir });
    expect(started.fault?.code).toBe('database-corrupt');
    expect((await started.handlers['host:info']({})).fault?.code).toBe('database-corrupt');
    expect(readFileSync(path.join(dataDir, DATABASE_FILE), 'utf8')).toBe('garbage '.repeat(1000));
  });
});

describe('startKioskHost on a good data dir', () => {
  it('works standalone: an empty list, and a sync status that says there is no server', async () => {
    const dataDir = path.join(root, 'data');
    mkdirSync(dataDir);
    const started = start({ dataDir });
    expect(started.fault).toBeNull();
    expect(await started.handlers['host:info']({})).toEqual({ appVersion: '9.9.9', shell: 'chromium', fault: null });
    expect(await started.handlers['content:list']({})).toEqual([]);
    const status = await started.handlers['sync:status']({});
    expect(status).toMatchObject({ online: false, serverUrl: null, contentVersion: null });
    expect(status.lastError).toMatch(/standalone/);
    expect(await started.handlers['sync:now']({})).toEqual(status);
  });

  /** A fleet stand-in that fails every manifest request and records the reports posted to it. */
  async function brokenFleet(): Promise<{ url: string; reports: { authorization?: string; body: unknown }[] }> {
    const reports: { authorization?: string; body: unknown }[] = [];
    server = createServer((request, response) => {
      if (request.method !== 'POST') return void response.writeHead(503).end('maintenance');
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        reports.push({ authorization: request.headers.authorization, body: JSON.parse(body) });
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"stored":true}');
      });
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, reports };
  }

  it('shows provisioned content at once, without the network, and reports the server unreachable', async () => {
    const dataDir = await provisionedDataDir();
    const fleet = await brokenFleet();
    saveTestEnrollment(dataDir, fleet.url);
    const events: { event: string; payload: unknown }[] = [];
    const started = start({ dataDir, serverUrl: null });
    started.onEvent((event, payload) => events.push({ event, payload }));

    expect((await started.handlers['content:list']({})).map((i) => i.id)).toEqual(['n2', 'n1']);
    expect((await started.handlers['content:article']({ id: 'n1' }))?.paragraphs).toEqual([
      '周三上午九点至十二点停水。',
    ]);
    expect((await started.handlers['content:search']({ query: '义诊' })).map((h) => h.id)).toEqual(['n2']);
    expect(await started.handlers['content:article']({ id: 'nope' })).toBeNull();

    await started.firstSync;
    const status = await started.handlers['sync:status']({});
    expect(status).toMatchObject({ online: false, serverUrl: fleet.url });
    expect(status.lastError).toMatch(/503/);
    expect(status.contentVersion).not.toBeNull();
    expect(events).toContainEqual({ event: 'sync:status', payload: status });
    // One report at start, one after the failed round, each with the board's token and its own key.
    await expect.poll(() => fleet.reports.length).toBe(2);
    expect(fleet.reports.map((r) => r.authorization)).toEqual(['Bearer board-token', 'Bearer board-token']);
    const [, afterRound] = fleet.reports.map((r) => r.body as { idempotencyKey: string; state: { sync: unknown } });
    expect(afterRound?.state.sync).toEqual(status);
    expect(new Set(fleet.reports.map((r) => (r.body as { idempotencyKey: string }).idempotencyKey)).size).toBe(2);
  });

  it('says it is not enrolled when given a server but no enrollment, and keeps showing its cache', async () => {
    const dataDir = await provisionedDataDir();
    const fleet = await brokenFleet();
    const started = start({ dataDir, serverUrl: fleet.url });
    await started.firstSync;
    const status = await started.handlers['sync:status']({});
    expect(status).toMatchObject({ online: false, serverUrl: fleet.url });
    expect(status.lastError).toMatch(/^not enrolled/);
    expect((await started.handlers['content:list']({})).map((i) => i.id)).toEqual(['n2', 'n1']);
    expect(fleet.reports).toEqual([]);
  });
});
