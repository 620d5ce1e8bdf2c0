import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BlobRef, PackManifest } from '../../common/pack.js';
import { BlobStore } from '../../content-format/blobs/fsBlobStore.js';
import { sha256Hex } from '../../content-format/hash.js';
import { partialPathOf } from '../blobs/blobFile.js';
import { downloadBlob, type DownloadContext } from './blobDownload.js';
import { startFaultyFleetServer, type FaultyFleetServer } from './testing/faultyFleetServer.js';

const SIZE = 256 * 1024;
const K = 100_000;

let dir: string;
let blobs: BlobStore;
let server: FaultyFleetServer;
let bytes: Buffer;
let ref: BlobRef;
let received: number;

const emptyManifest: PackManifest = { format: 'newsboard-pack/1', version: 'v', createdAt: 'now', items: [] };

function context(overrides: Partial<DownloadContext['config']> = {}): DownloadContext {
  return {
    serverUrl: server.url,
    blobs,
    fetch,
    config: {
      requestTimeoutMs: 2_000,
      idleTimeoutMs: 2_000,
      attemptsPerBlob: 3,
      retryBaseMs: 1,
      retryMaxMs: 5,
      ...overrides,
    },
    logger: pino({ level: 'silent' }),
    random: () => 0.5,
    onBytes: (count) => (received += count),
    validators: new Map(),
  };
}

const partial = () => partialPathOf(blobs, ref.sha256);

beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'nb-download-'));
  blobs = new BlobStore(dir);
  bytes = randomBytes(SIZE);
  ref = { sha256: sha256Hex(bytes), size: SIZE, mediaType: 'application/octet-stream' };
  server = await startFaultyFleetServer();
  server.publish(emptyManifest, new Map([[ref.sha256, bytes]]));
  received = 0;
});

afterEach(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('downloadBlob', () => {
  it('stores a verified blob under its hash, asks for no content encoding, and leaves no partial file', async () => {
    await downloadBlob(context(), ref);
    expect(blobs.get(ref.sha256).equals(bytes)).toBe(true);
    expect(existsSync(partial())).toBe(false);
    expect(server.requests).toMatchObject([{ range: null, status: 200, acceptEncoding: 'identity' }]);
    expect(received).toBe(SIZE);
  });

  it('resumes a cut download from where it stopped, with Range and the strong ETag as If-Range', async () => {
    server.faults = (_sha, attempt) => (attempt === 1 ? { kind: 'cut', afterBytes: K } : null);
    await downloadBlob(context(), ref);
    expect(server.requests.map((r) => [r.range, r.status])).toEqual([
      [null, 200],
      [`bytes=${K}-`, 206],
    ]);
    expect(server.requests[1]!.ifRange).toMatch(/^"[0-9a-f]+"$/);
    expect(blobs.get(ref.sha256).equals(bytes)).toBe(true);
    expect(received).toBe(SIZE);
  });

  it('keeps a cut download as a partial file that a restarted board resumes without re-downloading', async () => {
    server.faults = (_sha, attempt) => (attempt === 1 ? { kind: 'cut', afterBytes: K } : null);
    await expect(downloadBlob(context({ attemptsPerBlob: 1 }), ref)).rejects.toThrow(
      new RegExp(`blob ${ref.sha256} was cut off after ${K} bytes`),
    );
    expect(statSync(partial()).size).toBe(K);
    expect(blobs.has(ref.sha256)).toBe(false);
    // A new context: what a restarted process knows (no If-Range validator in memory).
    await downloadBlob(context(), ref);
    expect(server.requests[1]).toMatchObject({ range: `bytes=${K}-`, ifRange: null, status: 206, sent: SIZE - K });
    expect(blobs.get(ref.sha256).equals(bytes)).toBe(true);
  });

  it('starts again cleanly when the server ignores Range and sends the whole blob', async () => {
    server.faults = (_sha, attempt) => (attempt === 1 ? { kind: 'cut', afterBytes: K } : { kind: 'ignore-range' });
    await downloadBlob(context(), ref);
    expect(server.requests.map((r) => [r.range, r.status])).toEqual([
      [null, 200],
      [`bytes=${K}-`, 200],
    ]);
    expect(blobs.get(ref.sha256).equals(bytes)).toBe(true);
  });

  it('resumes a download stalled past the idle timeout', async () => {
    server.faults = (_sha, attempt) => (attempt === 1 ? { kind: 'stall', afterBytes: K } : null);
    const started = performance.now();
    await downloadBlob(context({ idleTimeoutMs: 200 }), ref);
    expect(performance.now() - started).toBeLessThan(1_500);
    expect(server.requests[1]).toMatchObject({ range: `bytes=${K}-`, status: 206 });
    expect(blobs.get(ref.sha256).equals(bytes)).toBe(true);
  });

  it('gives up after a bounded number of attempts on a zero-byte blob, leaving nothing behind', async () => {
    server.faults = () => ({ kind: 'body', bytes: Buffer.alloc(0) });
    await expect(downloadBlob(context(), ref)).rejects.toThrow(ref.sha256);
    expect(server.requests).toHaveLength(3);
    expect(blobs.has(ref.sha256)).toBe(false);
    expect(existsSync(partial())).toBe(false);
  });

  it('never keeps or resumes bytes that hash wrong: each attempt starts from zero, and the blob is refused', async () => {
    const wrong = Buffer.from(bytes);
    wrong[SIZE - 1]! ^= 0x01;
    server.faults = () => ({ kind: 'body', bytes: wrong });
    await expect(downloadBlob(context(), ref)).rejects.toThrow(/wrong bytes/);
    expect(server.requests.map((r) => r.range)).toEqual([null, null, null]);
    expect(blobs.has(ref.sha256)).toBe(false);
    expect(existsSync(partial())).toBe(false);
  });

  it('does not retry a blob the server does not have, and cancels the error body it does not need', async () => {
    server.faults = () => ({ kind: 'status', status: 404, bodyBytes: 16 * 1024 * 1024 });
    await expect(downloadBlob(context(), ref)).rejects.toThrow(`fleet server answered 404 for blob ${ref.sha256}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.abortedByClient).toBe(true);
    expect(received).toBe(0);
  });

  it('retries a server error and succeeds when the server recovers', async () => {
    server.faults = (_sha, attempt) => (attempt < 3 ? { kind: 'status', status: 503 } : null);
    await downloadBlob(context(), ref);
    expect(server.requests.map((r) => r.status)).toEqual([503, 503, 200]);
    expect(readFileSync(blobs.pathOf(ref.sha256)).equals(bytes)).toBe(true);
  });
});
