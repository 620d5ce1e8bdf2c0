import fastifyStatic from '@fastify/static';
import Fastify from 'fastify';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import { dispatchBridgeCall } from '../../common/bridge/dispatch.js';
import type { KioskHost } from './types.js';

/** Same policy as renderer/index.html; sent as a header too so no response can loosen it. */
export const RENDERER_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; " +
  "connect-src 'self' ws://127.0.0.1:* http://127.0.0.1:*; object-src 'none'; base-uri 'none'; " +
  "form-action 'none'; frame-src 'none'; frame-ancestors 'none'";

export interface BridgeServerOptions {
  host: KioskHost;
  rendererDir: string;
  logger: Logger;
  port?: number;
  /** Fixed only in tests; a fresh random secret per launch otherwise. */
  secret?: string;
}

export interface RunningBridgeServer {
  /** The URL a browser opens: it carries the secret in the fragment, which is never sent over the wire. */
  rendererUrl: string;
  origin: string;
  secret: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 64 * 1024;

function sameSecret(presented: string | undefined, secret: string): boolean {
  if (!presented) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

function bearer(header: string | undefined): string | undefined {
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined;
}

/**
 * Serves the renderer and the bridge to the Chromium shell on loopback only. The secret guards
 * against other local users and pages; the Host check guards against DNS rebinding.
 */
export async function startBridgeServer(options: BridgeServerOptions): Promise<RunningBridgeServer> {
  const secret = options.secret ?? randomBytes(24).toString('hex');
  // Per-request logs stay below warn: the renderer polls, and a board's log must not fill its disk.
  const app = Fastify({
    loggerInstance: options.logger.child({ part: 'bridge' }, { level: 'warn' }),
    bodyLimit: MAX_BODY_BYTES,
  });
  let expectedHost = '';

  app.addHook('onRequest', async (request, reply) => {
    if (request.headers.host !== expectedHost)
      return reply.code(421).send({ error: { code: 'bad-request', message: 'wrong host' } });
    reply.header('content-security-policy', RENDERER_CSP);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
  });

  await app.register(fastifyStatic, { root: options.rendererDir, index: 'index.html', wildcard: false });

  app.post<{ Params: { channel: string } }>('/bridge/invoke/:channel', async (request, reply) => {
    if (!sameSecret(bearer(request.headers.authorization), secret)) {
      return reply.code(401).send({ error: { code: 'unauthorized', message: 'missing or wrong bridge secret' } });
    }
    const outcome = await dispatchBridgeCall(options.host.handlers, request.params.channel, request.body);
    if (!outcome.ok) return reply.code(outcome.status).send(outcome.body);
    return reply.send(outcome.result ?? null);
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: 1024 });
  const unsubscribe = options.host.onEvent((event, payload) => {
    const message = JSON.stringify({ event, payload });
    for (const client of sockets.clients) client.send(message);
  });
  app.server.on('upgrade', (request: IncomingMessage, socket, head) => {
    const protocols = (request.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
    const authorized = protocols.some((p) => p.startsWith('nb.') && sameSecret(p.slice(3), secret));
    if (request.url !== '/bridge/events' || request.headers.host !== expectedHost || !authorized) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nconnection: close\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => {
      // Events sent while the renderer was reconnecting are gone; the current status replaces them.
      options.host.handlers['sync:status']({}).then(
        (payload) => ws.send(JSON.stringify({ event: 'sync:status', payload })),
        () => {},
      );
    });
  });

  await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('bridge server has no TCP address');
  expectedHost = `127.0.0.1:${address.port}`;
  const origin = `http://${expectedHost}`;
  return {
    origin,
    secret,
    rendererUrl: `${origin}/#secret=${secret}`,
    close: async () => {
      unsubscribe();
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      await app.close();
    },
  };
}
