import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PackManifest } from '../../../common/pack.js';
import { generateSigningKeyPem, signDocument, signingKeyFromPem } from '../../../content-format/signing/ed25519.js';
import type { FleetDevice } from '../fleetDevice.js';

/** How the server misbehaves for one blob request. */
export type BlobFault =
  | { kind: 'cut'; afterBytes: number }
  | { kind: 'stall'; afterBytes: number }
  | { kind: 'ignore-range' }
  | { kind: 'status'; status: number; bodyBytes?: number }
  | { kind: 'body'; bytes: Buffer };

export interface BlobRequest {
  sha256: string;
  range: string | null;
  ifRange: string | null;
  acceptEncoding: string | null;
  status: number;
  /** Body bytes the server wrote before finishing or cutting the response. */
  sent: number;
  /** Whether the client closed the connection before the server finished writing. */
  abortedByClient: boolean;
}

export interface FaultyFleetServer {
  url: string;
  /** The one board this server knows, with its own signing key pinned. */
  device: FleetDevice;
  requests: BlobRequest[];
  manifestRequests: number;
  publish(manifest: PackManifest, blobs: ReadonlyMap<string, Buffer>): void;
  /** Decides the fault (or none) for each blob request, given how many requests that blob has had. */
  faults: (sha256: string, attempt: number) => BlobFault | null;
  close(): Promise<void>;
}

function etagOf(bytes: Buffer): string {
  return `"${createHash('sha256').update(bytes).digest('hex').slice(0, 24)}"`;
}

/**
 * A fleet server stand-in for fault tests: the real protocol (a signed manifest with ETag/304 for
 * its one device, blobs with Range, strong ETags and If-Range) plus faults injected per blob request: a connection cut after
 * K bytes, a stall, a server that ignores Range, an error status, or wrong bytes.
 */
export async function startFaultyFleetServer(): Promise<FaultyFleetServer> {
  const key = signingKeyFromPem(generateSigningKeyPem());
  const device: FleetDevice = { deviceId: 'faulty-board', token: 'faulty-token', trustedKeys: [key.publicKey] };
  let release = 0;
  let manifestJson = '';
  let manifestEtag = '';
  let store = new Map<string, Buffer>();
  const attempts = new Map<string, number>();

  const state: FaultyFleetServer = {
    url: '',
    device,
    requests: [],
    manifestRequests: 0,
    publish(manifest, blobs) {
      release += 1;
      const issuedAt = new Date().toISOString();
      manifestJson = JSON.stringify(
        signDocument({ v: 1, kind: 'manifest', scope: 'fleet', version: release, issuedAt, body: manifest }, key),
      );
      manifestEtag = etagOf(Buffer.from(manifestJson));
      store = new Map([...store, ...blobs]);
    },
    faults: () => null,
    close: async () => {},
  };

  function serveManifest(request: IncomingMessage, response: ServerResponse): void {
    state.manifestRequests += 1;
    if (request.headers.authorization !== `Bearer ${device.token}`) return void response.writeHead(401).end();
    if (!manifestJson) return void response.writeHead(404).end();
    if (request.headers['if-none-match'] === manifestEtag) return void response.writeHead(304).end();
    response.writeHead(200, { 'content-type': 'application/json', etag: manifestEtag }).end(manifestJson);
  }

  function serveBlob(sha256: string, request: IncomingMessage, response: ServerResponse): void {
    const attempt = (attempts.get(sha256) ?? 0) + 1;
    attempts.set(sha256, attempt);
    const fault = state.faults(sha256, attempt);
    const record: BlobRequest = {
      sha256,
      range: request.headers.range ?? null,
      ifRange: (request.headers['if-range'] as string | undefined) ?? null,
      acceptEncoding: (request.headers['accept-encoding'] as string | undefined) ?? null,
      status: 0,
      sent: 0,
      abortedByClient: false,
    };
    state.requests.push(record);
    const stored = store.get(sha256);
    if (fault?.kind === 'status' || !stored) {
      record.status = fault?.kind === 'status' ? fault.status : 404;
      const body = Buffer.alloc(fault?.kind === 'status' ? (fault.bodyBytes ?? 100) : 100, 0x2e);
      response.on('close', () => (record.abortedByClient = !response.writableFinished));
      record.sent = body.length;
      return void response.writeHead(record.status, { 'content-type': 'text/plain' }).end(body);
    }
    const full = fault?.kind === 'body' ? fault.bytes : stored;
    const etag = etagOf(stored);
    const match = /^bytes=(\d+)-$/.exec(record.range ?? '');
    const rangeValid = !record.ifRange || record.ifRange === etag;
    let start = 0;
    if (match && fault?.kind !== 'ignore-range' && rangeValid) {
      start = Number(match[1]);
      if (start >= full.length) {
        record.status = 416;
        return void response.writeHead(416, { 'content-range': `bytes */${full.length}` }).end();
      }
      record.status = 206;
      response.writeHead(206, {
        etag,
        'content-length': full.length - start,
        'content-range': `bytes ${start}-${full.length - 1}/${full.length}`,
      });
    } else {
      record.status = 200;
      response.writeHead(200, { etag, 'content-length': full.length, 'accept-ranges': 'bytes' });
    }
    response.on('close', () => (record.abortedByClient = !response.writableFinished));
    const body = full.subarray(start);
    if (fault?.kind === 'cut' || fault?.kind === 'stall') {
      const part = body.subarray(0, fault.afterBytes);
      record.sent = part.length;
      // Written, a pause in which the client consumes them, then the connection closes (or hangs)
      // mid-body. Without the pause fetch drops bytes it had buffered but not yet handed over, and the
      // client would hold fewer than the server sent.
      response.write(part, () => {
        if (fault.kind === 'cut') setTimeout(() => response.socket?.end(), 250);
      });
      return;
    }
    record.sent = body.length;
    response.end(body);
  }

  const server = createServer((request, response) => {
    const url = request.url ?? '';
    const blob = /^\/blobs\/sha256\/([0-9a-f]{64})$/.exec(url);
    if (url === `/api/v1/devices/${device.deviceId}/manifest`) serveManifest(request, response);
    else if (blob) serveBlob(blob[1] as string, request, response);
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return state;
}
