import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePng } from '../epub/test-support.js';
import { httpImageFetcher, ImageFetchError } from './fetchImage.js';
import { startImageServer, type ImageServer } from './testing/imageServer.js';

const PNG = makePng(7, 5);
const MAX_BYTES = 256 * 1024;
/** What the endless body had written into the socket when the fetcher hung up. */
let endlessWritten = 0;

let server: ImageServer;

beforeAll(async () => {
  server = await startImageServer({
    '/a.png': (_, response) => response.writeHead(200, { 'content-type': 'image/png' }).end(PNG),
    '/hop/1': (_, response) => response.writeHead(302, { location: '/hop/2' }).end(),
    '/hop/2': (_, response) => response.writeHead(301, { location: `${server.origin}/a.png` }).end(),
    '/loop/a': (_, response) => response.writeHead(302, { location: '/loop/b' }).end(),
    '/loop/b': (_, response) => response.writeHead(307, { location: '/loop/a' }).end(),
    '/to-file': (_, response) => response.writeHead(302, { location: 'file:///etc/passwd' }).end(),
    '/to-data': (_, response) =>
      response.writeHead(302, { location: `data:image/png;base64,${PNG.toString('base64')}` }).end(),
    '/nowhere': (_, response) => response.writeHead(302).end(),
    '/gone': (_, response) => response.writeHead(410).end(),
    '/declares-too-much': (_, response) => {
      // Says 20 MiB and then sends nothing: refusing must not wait for a body.
      response.writeHead(200, { 'content-type': 'image/png', 'content-length': String(20 * 1024 * 1024) });
      response.flushHeaders();
    },
    '/endless': (_, response) => {
      response.writeHead(200, { 'content-type': 'image/png' });
      const chunk = Buffer.concat([PNG, Buffer.alloc(64 * 1024 - PNG.length)]);
      endlessWritten = 0;
      const pump = (): void => {
        while (!response.destroyed && endlessWritten < 256 * 1024 * 1024) {
          endlessWritten += chunk.length;
          if (!response.write(chunk)) return void response.once('drain', pump);
        }
      };
      pump();
    },
  });
});

afterAll(() => server.close());

const fetchImage = httpImageFetcher();

async function failure(path: string): Promise<string> {
  const url = new URL(path, server.origin);
  const error: unknown = await fetchImage(url, { signal: AbortSignal.timeout(5_000), maxBytes: MAX_BYTES }).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ImageFetchError);
  return (error as ImageFetchError).message;
}

/** A server that declares a short body and then keeps sending: what HTTP framing makes of the rest. */
async function withLyingServer(run: (origin: string) => Promise<void>): Promise<void> {
  const sockets = new Set<Socket>();
  const liar = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.once('data', () => {
      socket.write('HTTP/1.1 200 OK\r\ncontent-type: image/png\r\ncontent-length: 64\r\n\r\n');
      socket.write(Buffer.concat([PNG, Buffer.alloc(4 * 1024 * 1024)]));
    });
  });
  await new Promise<void>((resolve) => liar.listen(0, '127.0.0.1', resolve));
  try {
    await run(`http://127.0.0.1:${(liar.address() as AddressInfo).port}`);
  } finally {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => liar.close(resolve));
  }
}

describe('httpImageFetcher', () => {
  it('follows a few redirects to the image', async () => {
    const bytes = await fetchImage(new URL('/hop/1', server.origin), {
      signal: AbortSignal.timeout(5_000),
      maxBytes: MAX_BYTES,
    });
    expect(Buffer.from(bytes).equals(PNG)).toBe(true);
  });

  it('gives up on a redirect loop after five hops', async () => {
    const before = server.hits('/loop/a') + server.hits('/loop/b');
    expect(await failure('/loop/a')).toBe('more than 5 redirects');
    expect(server.hits('/loop/a') + server.hits('/loop/b') - before).toBe(6);
  });

  it('never follows a redirect off http(s), and says which scheme it refused', async () => {
    expect(await failure('/to-file')).toBe('file: addresses are never fetched');
    expect(await failure('/to-data')).toBe('data: addresses are never fetched');
    expect(await failure('/nowhere')).toBe('HTTP 302 without a usable Location');
  });

  it('reports an HTTP error status and an unreachable host', async () => {
    expect(await failure('/gone')).toBe('the server answered HTTP 410');
    expect(await failure('/no-such-image.png')).toBe('the server answered HTTP 404');
    const closed = await startImageServer({});
    await closed.close();
    expect(await failure(`${closed.origin}/a.png`)).toMatch(/^network error: .*ECONNREFUSED/);
  });

  it('refuses a declared length over the limit at once, without waiting for the body', async () => {
    const started = performance.now();
    expect(await failure('/declares-too-much')).toBe(`it declares 20971520 bytes, over the ${MAX_BYTES}-byte limit`);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('cuts an undeclared endless body at the limit instead of buffering it', async () => {
    expect(await failure('/endless')).toBe(`it is over the ${MAX_BYTES}-byte limit`);
    // Loopback socket buffers hold a few MiB at most; buffering the whole body would be 256 MiB.
    await expect.poll(() => endlessWritten).toBeGreaterThan(MAX_BYTES);
    expect(endlessWritten).toBeLessThan(32 * 1024 * 1024);
  });

  it('reads no more than a Content-Length declares, whatever else the server sends', async () => {
    await withLyingServer(async (origin) => {
      const bytes = await fetchImage(new URL('/liar.png', origin), {
        signal: AbortSignal.timeout(5_000),
        maxBytes: MAX_BYTES,
      });
      expect(bytes.byteLength).toBe(64);
    });
  });

  it('stops when its signal is aborted, with the signal’s reason', async () => {
    const controller = new AbortController();
    const pending = fetchImage(new URL('/declares-too-much', server.origin), {
      signal: controller.signal,
      maxBytes: 64 * 1024 * 1024,
    });
    setTimeout(() => controller.abort(new Error('time is up')), 50);
    await expect(pending).rejects.toThrow('time is up');
  });
});
