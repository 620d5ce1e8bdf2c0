import fastifyStatic from '@fastify/static';
import Fastify from 'fastify';
import path from 'node:path';
import type { Logger } from 'pino';
import type { BlobStore } from '../../content-format/blobs/fsBlobStore.js';
import type { ReleaseRepository } from '../db/releases.js';

export interface FleetAppDependencies {
  releases: ReleaseRepository;
  blobs: BlobStore;
  logger: Logger;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  return ifNoneMatch?.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag) ?? false;
}

export async function buildFleetApp({ releases, blobs, logger }: FleetAppDependencies) {
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

  app.get('/api/v1/manifest', async (request, reply) => {
    const release = await releases.latest();
    if (!release)
      return reply.code(404).send({ error: { code: 'no-content', message: 'no content has been published yet' } });
    reply.header('etag', release.etag).header('cache-control', 'no-cache');
    if (etagMatches(request.headers['if-none-match'], release.etag)) return reply.code(304).send();
    return reply.type('application/json; charset=utf-8').send(release.manifestJson);
  });

  app.get<{ Params: { hex: string } }>('/blobs/sha256/:hex', async (request, reply) => {
    const { hex } = request.params;
    if (!SHA256_HEX.test(hex))
      return reply.code(400).send({ error: { code: 'bad-request', message: 'not a sha256 hex digest' } });
    if (!blobs.has(hex)) return reply.code(404).send({ error: { code: 'not-found', message: 'no such blob' } });
    reply.header('content-type', 'application/octet-stream');
    return reply.sendFile(path.relative(blobs.root, blobs.pathOf(hex)));
  });

  return app;
}
