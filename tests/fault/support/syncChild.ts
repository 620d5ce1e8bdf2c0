import { pino } from 'pino';
import { ContentReader } from '../../../content-cache/contentReader.js';
import { ContentWriter } from '../../../content-cache/contentWriter.js';
import { openReader, openWriter } from '../../../content-cache/db/open.js';
import { FleetSync } from '../../../content-cache/sync/fleetSync.js';
import { BlobStore } from '../../../content-format/blobs/fsBlobStore.js';
import { loadIdentity } from '../../../kiosk-config/identity/identityStore.js';

/**
 * A kiosk's sync daemon reduced to its loop, for the kill -9 fault test: real storage, real
 * FleetSync with the board's stored enrollment, rounds back to back against the fleet server until the parent kills the process.
 * Logs go synchronously to stdout, so the last line the parent reads is the last thing done.
 */
const [dataDir, serverUrl, diskBudget] = process.argv.slice(2) as [string, string, string];
const logger = pino({ level: 'debug', base: null, timestamp: false }, pino.destination({ fd: 1, sync: true }));

const identity = loadIdentity(dataDir);
if (!identity) throw new Error(`${dataDir} holds no enrollment`);
const db = openWriter(dataDir);
const sync = new FleetSync(
  {
    serverUrl,
    device: { deviceId: identity.deviceId, token: identity.token, trustedKeys: [identity.serverPublicKey] },
    writer: new ContentWriter(db),
    db,
    blobs: new BlobStore(dataDir),
    logger,
    config: {
      retryBaseMs: 1,
      retryMaxMs: 10,
      maxRandomDelayMs: 0,
      failedBlobBackoffMs: 0,
      diskBudgetBytes: Number(diskBudget),
      blobConcurrency: 2,
    },
    onPublished: () => {},
    onStatus: () => {},
  },
  new ContentReader(openReader(dataDir)).contentVersion(),
);
logger.info('child ready');
for (;;) {
  logger.info('round start');
  const status = await sync.syncOnce();
  logger.info({ contentVersion: status.contentVersion, lastError: status.lastError }, 'round end');
  await new Promise((resolve) => setTimeout(resolve, 2));
}
