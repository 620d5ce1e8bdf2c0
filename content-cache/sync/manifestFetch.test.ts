import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FleetDevice } from './fleetDevice.js';
import { fetchManifest, MAX_MANIFEST_BYTES } from './manifestFetch.js';

const device: FleetDevice = { deviceId: 'board-1', token: 'token-1', trustedKeys: [] };
const CHUNK = Buffer.alloc(256 * 1024, 0x20);
/** Bytes the endless manifest had written into the socket when the board hung up. */
let endlessWritten = 0;

/** A chunked reply with no Content-Length that would go on for four times the limit. */
function endless(response: ServerResponse): void {
  response.writeHead(200, { 'content-type': 'application/json' });
  endlessWritten = 0;
  const pump = (): void => {
    while (!response.destroyed && endlessWritten < 4 * MAX_MANIFEST_BYTES) {
      endlessWritten += CHUNK.length;
      if (!response.write(CHUNK)) return void response.once('drain', pump);
    }
    response.end();
  };
  pump();
}

let server: Server;
let serverUrl: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url?.includes('declared')) {
      response.writeHead(200, { 'content-length': String(MAX_MANIFEST_BYTES + 1) });
      return void response.flushHeaders();
    }
    endless(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function fetchFor(target: FleetDevice, counted: { bytes: number }) {
  return fetchManifest({
    serverUrl,
    device: target,
    etag: undefined,
    minVersion: 0,
    fetch,
    timeoutMs: 30_000,
    now: new Date(),
    onBytes: (count) => (counted.bytes += count),
  });
}

describe('fetchManifest', () => {
  it('cuts a chunked manifest over the limit at the limit, before reading the rest', async () => {
    const counted = { bytes: 0 };
    await expect(fetchFor(device, counted)).rejects.toThrow(
      `manifest of more than ${MAX_MANIFEST_BYTES} bytes is over the ${MAX_MANIFEST_BYTES}-byte limit`,
    );
    expect(counted.bytes).toBeGreaterThan(MAX_MANIFEST_BYTES);
    expect(counted.bytes).toBeLessThanOrEqual(MAX_MANIFEST_BYTES + CHUNK.length);
    // Socket buffers hold a few MiB; a board reading on would have taken all four times the limit.
    expect(endlessWritten).toBeLessThan(MAX_MANIFEST_BYTES + 32 * 1024 * 1024);
  });

  it('refuses a declared length over the limit without waiting for the body', async () => {
    const counted = { bytes: 0 };
    await expect(fetchFor({ ...device, deviceId: 'declared' }, counted)).rejects.toThrow(
      `manifest of ${MAX_MANIFEST_BYTES + 1} bytes is over the ${MAX_MANIFEST_BYTES}-byte limit`,
    );
    expect(counted.bytes).toBe(0);
  });
});
