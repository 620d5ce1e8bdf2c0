import { createServer, request as httpRequest, type Server } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { Article } from '../../common/content.js';
import { ContentWriter } from '../../content-cache/contentWriter.js';
import { openWriter } from '../../content-cache/db/open.js';
import { importPackDir } from '../../content-cache/importPack.js';
import { BlobStore } from '../../content-format/blobs/fsBlobStore.js';
import { buildPack } from '../../content-format/pack/build.js';
import { writePackDir } from '../../content-format/pack/directory.js';
import { RENDERER_CSP, startBridgeServer, type RunningBridgeServer } from './bridgeServer.js';
import { startKioskHost, type StartedKioskHost } from './kioskHost.js';
import { saveTestEnrollment } from './testing/testEnrollment.js';

const logger = pino({ level: 'silent' });
const INDEX_HTML =
  '<!doctype html><html><head><title>Newsboard</title></head><body><div id="root"></div></body></html>';

let root: string;
let fleet: Server;
let host: StartedKioskHost;
let bridge: RunningBridgeServer;

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'nb-bridge-'));
  const dataDir = path.join(root, 'data');
  const rendererDir = path.join(root, 'renderer');
  mkdirSync(dataDir);
  mkdirSync(rendererDir);
  writeFileSync(path.join(rendererDir, 'index.html'), INDEX_HTML);

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
      paragraphs: ['周三上午停水。'],
    },
  ];
  const packDir = path.join(root, 'usb');
  await writePackDir(packDir, buildPack(articles, 'now'));
  const db = openWriter(dataDir);
  await importPackDir(packDir, new ContentWriter(db), new BlobStore(dataDir));
  db.close();

  // A fleet server under maintenance: every sync fails, which makes the host emit sync:status events.
  fleet = createServer((_request, response) => response.writeHead(503).end());
  await new Promise<void>((resolve) => fleet.listen(0, '127.0.0.1', resolve));
  saveTestEnrollment(dataDir, `http://127.0.0.1:${(fleet.address() as AddressInfo).port}`);
  host = startKioskHost({
    dataDir,
    serverUrl: null,
    shell: 'chromium',
    appVersion: '1.2.3',
    logger,
  });
  await host.firstSync;
  bridge = await startBridgeServer({ host, rendererDir, logger });
});

afterAll(async () => {
  await bridge.close();
  await host.close();
  await new Promise<void>((resolve) => fleet.close(() => resolve()));
  rmSync(root, { recursive: true, force: true });
});

function invoke(channel: string, body: unknown, authorization: string | null = `Bearer ${bridge.secret}`) {
  return fetch(`${bridge.origin}/bridge/invoke/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(body),
  });
}

/** A raw request with a Host header of our choosing, as a DNS-rebinding page would send. */
function withHost(hostHeader: string, pathname: string): Promise<{ status: number; body: string }> {
  const { port } = new URL(bridge.origin);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path: pathname,
        method: 'POST',
        headers: { host: hostHeader, authorization: `Bearer ${bridge.secret}`, 'content-type': 'application/json' },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end('{}');
  });
}

function openSocket(protocols: string[], onMessage?: (message: unknown) => void): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${bridge.origin.replace('http', 'ws')}/bridge/events`, protocols);
    if (onMessage) socket.on('message', (data) => onMessage(JSON.parse(String(data))));
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
    socket.once('unexpected-response', (_request, response) =>
      reject(new Error(`refused with ${response.statusCode}`)),
    );
  });
}

describe('bridge server: invoke', () => {
  it('puts the secret only in the URL fragment, which browsers never send', () => {
    expect(bridge.rendererUrl).toBe(`${bridge.origin}/#secret=${bridge.secret}`);
    expect(bridge.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(bridge.secret.length).toBeGreaterThanOrEqual(32);
  });

  it('refuses a call without the secret or with a wrong one', async () => {
    for (const authorization of [
      null,
      'Bearer wrong',
      `Bearer ${bridge.secret}x`,
      bridge.secret,
      `Basic ${bridge.secret}`,
    ]) {
      const response = await invoke('content:list', {}, authorization);
      expect(response.status, String(authorization)).toBe(401);
      expect(await response.json()).toEqual({
        error: { code: 'unauthorized', message: 'missing or wrong bridge secret' },
      });
    }
  });

  it('answers a call with the right secret with the JSON result', async () => {
    const response = await invoke('content:list', {});
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect((await response.json()).map((i: { id: string }) => i.id)).toEqual(['n1']);
    const article = await invoke('content:article', { id: 'n1' });
    expect((await article.json()).paragraphs).toEqual(['周三上午停水。']);
  });

  it('answers a call whose result is null with JSON null', async () => {
    const response = await invoke('content:article', { id: 'missing' });
    expect(response.status).toBe(200);
    expect(await response.json()).toBeNull();
  });

  it('answers 404 for an unknown channel', async () => {
    const response = await invoke('fs:readFile', { path: '/etc/passwd' });
    expect(response.status).toBe(404);
    expect((await response.json()).error.code).toBe('unknown-channel');
  });

  it('answers 400 with a message for invalid arguments', async () => {
    const response = await invoke('content:article', { id: 5 });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error.code).toBe('bad-request');
    expect(body.error.message).toMatch(/id/);
  });

  it('answers 421 to a request whose Host is not 127.0.0.1:<port> (DNS rebinding)', async () => {
    const { port } = new URL(bridge.origin);
    for (const hostHeader of ['evil.example', `evil.example:${port}`, `localhost:${port}`, '127.0.0.1']) {
      const response = await withHost(hostHeader, '/bridge/invoke/content:list');
      expect(response.status, hostHeader).toBe(421);
      expect(response.body).not.toContain('停水');
    }
    expect((await withHost(`127.0.0.1:${port}`, '/bridge/invoke/content:list')).status).toBe(200);
  });
});

describe('bridge server: renderer', () => {
  it('serves index.html at / under the renderer CSP', async () => {
    const response = await fetch(`${bridge.origin}/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(INDEX_HTML);
    const csp = response.headers.get('content-security-policy');
    expect(csp).toBe(RENDERER_CSP);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves nothing outside the renderer directory', async () => {
    for (const pathname of ['/../data/kiosk.sqlite', '/%2e%2e/data/kiosk.sqlite', '/..%2Fdata%2Fkiosk.sqlite']) {
      const response = await fetch(`${bridge.origin}${pathname}`);
      expect(response.status, pathname).toBe(404);
    }
  });
});

describe('bridge server: events', () => {
  it('refuses a WebSocket without the secret subprotocol, or with a wrong one', async () => {
    await expect(openSocket([])).rejects.toThrow(/401/);
    await expect(openSocket(['nb.wrong'])).rejects.toThrow(/401/);
    await expect(openSocket([bridge.secret])).rejects.toThrow(/401/);
  });

  it('sends the current sync status on connect, then host events as {event, payload} JSON', async () => {
    const current = await (await invoke('sync:status', {})).json();
    const messages: unknown[] = [];
    const socket = await openSocket([`nb.${bridge.secret}`], (message) => messages.push(message));
    try {
      await expect.poll(() => messages).toEqual([{ event: 'sync:status', payload: current }]);
      const response = await invoke('sync:now', {});
      const status = await response.json();
      expect(status.online).toBe(false);
      expect(status.lastAttemptAt).not.toBe(current.lastAttemptAt);
      await expect.poll(() => messages).toContainEqual({ event: 'sync:status', payload: status });
    } finally {
      socket.close();
    }
  });
});
