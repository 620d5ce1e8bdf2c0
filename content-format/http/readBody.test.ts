import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBody } from './readBody.js';

const LIMIT = 256 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 0x61);
/** What the endless body had written into the socket when the reader hung up. */
let endlessWritten = 0;

class TooBig extends Error {}
const tooBig = (declared: number | null) => new TooBig(declared === null ? 'counted' : `declared ${declared}`);

function endless(response: ServerResponse): void {
  response.writeHead(200);
  endlessWritten = 0;
  const pump = (): void => {
    while (!response.destroyed && endlessWritten < 256 * 1024 * 1024) {
      endlessWritten += CHUNK.length;
      if (!response.write(CHUNK)) return void response.once('drain', pump);
    }
    response.end();
  };
  pump();
}

const routes: Record<string, (response: ServerResponse) => void> = {
  '/exact': (response) => response.writeHead(200, { 'content-length': String(LIMIT) }).end(Buffer.alloc(LIMIT, 1)),
  '/exact-chunked': (response) => {
    response.writeHead(200);
    for (let sent = 0; sent < LIMIT; sent += CHUNK.length) response.write(CHUNK);
    response.end();
  },
  '/declares-too-much': (response) => {
    // Declares 20 MiB and sends nothing: refusing must not wait for a body.
    response.writeHead(200, { 'content-length': String(20 * 1024 * 1024) });
    response.flushHeaders();
  },
  '/endless': endless,
  '/stalls': (response) => {
    response.writeHead(200);
    response.write(CHUNK);
  },
};

let server: Server;
let origin: string;

beforeAll(async () => {
  server = createServer((request, response) => routes[request.url ?? '']?.(response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const get = (path: string) => fetch(`${origin}${path}`);

describe('readBody', () => {
  it('reads a body of exactly the limit, declared or chunked', async () => {
    const counted: number[] = [];
    const declared = await readBody(await get('/exact'), { maxBytes: LIMIT, tooBig });
    const chunked = await readBody(await get('/exact-chunked'), {
      maxBytes: LIMIT,
      tooBig,
      onBytes: (count) => counted.push(count),
    });
    expect(declared.equals(Buffer.alloc(LIMIT, 1))).toBe(true);
    expect(chunked.byteLength).toBe(LIMIT);
    expect(counted.reduce((sum, count) => sum + count, 0)).toBe(LIMIT);
  });

  it('refuses a declared length over the limit with the caller’s error, without waiting for the body', async () => {
    const started = performance.now();
    const refused = readBody(await get('/declares-too-much'), { maxBytes: LIMIT, tooBig });
    await expect(refused).rejects.toThrow(new TooBig(`declared ${20 * 1024 * 1024}`));
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('cuts an undeclared endless body at the limit and stops the download', async () => {
    let counted = 0;
    const refused = readBody(await get('/endless'), { maxBytes: LIMIT, tooBig, onBytes: (n) => (counted += n) });
    await expect(refused).rejects.toThrow(new TooBig('counted'));
    expect(counted).toBeGreaterThan(LIMIT);
    expect(counted).toBeLessThanOrEqual(LIMIT + CHUNK.length);
    // Loopback socket buffers hold a few MiB at most; reading on would have taken the whole 256 MiB.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(endlessWritten).toBeLessThan(32 * 1024 * 1024);
  });

  it('stops a stalled body when its signal is aborted, with the signal’s reason', async () => {
    const controller = new AbortController();
    // The fetch itself does not watch the signal: only the reader can stop it.
    const pending = readBody(await get('/stalls'), { maxBytes: LIMIT, tooBig, signal: controller.signal });
    setTimeout(() => controller.abort(new Error('time is up')), 50);
    await expect(pending).rejects.toThrow('time is up');
  });

  it('refuses to start on a signal that is already aborted', async () => {
    const response = await get('/exact');
    const pending = readBody(response, { maxBytes: LIMIT, tooBig, signal: AbortSignal.abort(new Error('too late')) });
    await expect(pending).rejects.toThrow('too late');
  });
});
