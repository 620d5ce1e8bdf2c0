import fastifyStatic from '@fastify/static';
import Fastify from 'fastify';
import path from 'node:path';
import type { Logger } from 'pino';
import type { BlobStore } from '../../content-format/blobs/fsBlobStore.js';
import { deviceRoutes, type DeviceRouteDependencies } from './deviceRoutes.js';
import { enrollRoute, type EnrollRouteDependencies } from './enrollRoute.js';
import { sendError } from './replies.js';

export interface FleetAppDependencies extends DeviceRouteDependencies, EnrollRouteDependencies {
  blobs: BlobStore;
  logger: Logger;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

export async function buildFleetApp(deps: FleetAppDependencies) {
  const { blobs, logger } = deps;
  const app = Fastify({ loggerInstance: logger.child({ part: 'fleet-http' }), bodyLimit: 1024 * 1024 });
  // Blobs are served with Range and conditional requests, so interrupted board downloads resume.
  await app.register(fastifyStatic, {
    root: blobs.root,
    serve: false,
    immutable: true,
    maxAge: '365d',
    cacheControl: true,
  });

  app.get('/healthz', async () => ({ ok: true }));
  await app.register(enrollRoute(deps));
  await app.register(deviceRoutes(deps));

  app.get<{ Params: { hex: string } }>('/blobs/sha256/:hex', async (request, reply) => {
    const { hex } = request.params;
    if (!SHA256_HEX.test(hex)) return sendError(reply, 400, 'bad-request', 'not a sha256 hex digest');
    if (!blobs.has(hex)) return sendError(reply, 404, 'not-found', 'no such blob');
    reply.header('content-type', 'application/octet-stream');
    return reply.sendFile(path.relative(blobs.root, blobs.pathOf(hex)));
  });

  return app;
}
