import { mkdirSync } from 'node:fs';
import type { Logger } from 'pino';
import { BlobStore } from '../content-format/blobs/fsBlobStore.js';
import type { BuiltPack } from '../content-format/pack/build.js';
import { buildFleetApp } from './api/app.js';
import { openFleetDatabase } from './db/database.js';
import { ReleaseRepository } from './db/releases.js';
import { publishPack } from './ingest/publishPack.js';

export interface FleetServerOptions {
  dataDir: string;
  port?: number;
  logger: Logger;
  /** Published before the server starts listening (the demo content). */
  initialPack?: BuiltPack;
}

export interface RunningFleetServer {
  url: string;
  close(): Promise<void>;
}

export async function startFleetServer(options: FleetServerOptions): Promise<RunningFleetServer> {
  const db = await openFleetDatabase(options.dataDir);
  const releases = new ReleaseRepository(db);
  const blobs = new BlobStore(options.dataDir);
  mkdirSync(blobs.root, { recursive: true });
  if (options.initialPack) await publishPack(options.initialPack, blobs, releases);
  const app = await buildFleetApp({ releases, blobs, logger: options.logger });
  // Loopback unless told otherwise: a fleet server reachable from the LAN is an operator's decision.
  await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('fleet server has no TCP address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: async () => {
      await app.close();
      await db.destroy();
    },
  };
}
