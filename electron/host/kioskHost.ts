import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import { HostFaultError } from '../../common/bridge/dispatch.js';
import type {
  BridgeChannels,
  BridgeEvent,
  BridgeEventPayload,
  HostFault,
  HostInfo,
} from '../../common/bridge/contract.js';
import { BlobStore } from '../../content-format/blobs/fsBlobStore.js';
import { ContentReader } from '../../content-cache/contentReader.js';
import { ContentWriter } from '../../content-cache/contentWriter.js';
import { StorageFault, openReader, openWriter } from '../../content-cache/db/open.js';
import { BackgroundIndexer } from '../../content-cache/search/backgroundIndexer.js';
import { readMediaBlob } from '../../content-cache/kinds/media.js';
import type { SyncConfigInput } from '../../content-cache/sync/config.js';
import { FleetSync } from '../../content-cache/sync/fleetSync.js';
import { scheduleSync } from '../../content-cache/sync/schedule.js';
import { deviceState, fleetLink } from './fleetLink.js';
import type { BridgeEventListener, KioskHost } from './types.js';

export interface KioskHostOptions {
  dataDir: string;
  /** Overrides the enrolled server URL; the board syncs only once enrolled (kiosk-config). */
  serverUrl: string | null;
  shell: HostInfo['shell'];
  appVersion: string;
  logger: Logger;
  /** Schedule, windows and budgets of the sync daemon; defaults when absent. */
  syncConfig?: SyncConfigInput;
  fetch?: typeof fetch;
}

export interface StartedKioskHost extends KioskHost {
  readonly fault: HostFault | null;
  /** Resolves when the first sync attempt at start-up has finished (or at once without a server). */
  readonly firstSync: Promise<void>;
}

class HostEvents {
  private readonly emitter = new EventEmitter();

  emit<E extends BridgeEvent>(event: E, payload: BridgeEventPayload<E>): void {
    this.emitter.emit('event', event, payload);
  }

  subscribe(listener: BridgeEventListener): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}

/** A host that cannot use its storage still answers, so the screen can say what is wrong instead of crash-looping. */
function faultedHost(options: KioskHostOptions, fault: HostFault, events: HostEvents): StartedKioskHost {
  const refuse = () => Promise.reject(new HostFaultError(fault.detail));
  return {
    fault,
    firstSync: Promise.resolve(),
    handlers: {
      'host:info': async () => ({ appVersion: options.appVersion, shell: options.shell, fault }),
      'content:list': refuse,
      'content:article': refuse,
      'content:search': refuse,
      'content:item': refuse,
      'notices:active': refuse,
      'editions:list': refuse,
      'quiz:questions': refuse,
      'book:chapter': refuse,
      'media:read': refuse,
      'sync:status': refuse,
      'sync:now': refuse,
    },
    onEvent: (listener) => events.subscribe(listener),
    close: async () => {},
  };
}

export function startKioskHost(options: KioskHostOptions): StartedKioskHost {
  const { logger } = options;
  const events = new HostEvents();
  let writerDb: ReturnType<typeof openWriter>;
  try {
    // Search indexing runs in the background (below), so a large queue never delays the first screen.
    writerDb = openWriter(options.dataDir, { indexQueued: false });
  } catch (error) {
    const fault: HostFault =
      error instanceof StorageFault
        ? { code: error.code, detail: error.message }
        : { code: 'internal', detail: error instanceof Error ? error.message : String(error) };
    logger.error({ fault }, 'kiosk storage unusable; showing the fault screen');
    return faultedHost(options, fault, events);
  }
  const searchIndex = new BackgroundIndexer(writerDb, logger);
  searchIndex.kick();
  const readerDb = openReader(options.dataDir);
  const reader = new ContentReader(readerDb);
  const link = fleetLink(options.dataDir, options.serverUrl, logger, options.fetch);
  const report = () => {
    if (!link.reporter) return;
    link.reporter.submit(deviceState(sync.status(), sync.appliedVersion()));
    // Reports never hold up sync: an unsent one waits for the next round, replaced by a newer one.
    void link.reporter.flush();
  };
  const sync = new FleetSync(
    {
      serverUrl: link.serverUrl,
      device: link.device,
      writer: new ContentWriter(writerDb, { searchIndex, logger }),
      db: writerDb,
      config: options.syncConfig,
      blobs: new BlobStore(options.dataDir),
      logger,
      onPublished: (contentVersion) => events.emit('content:changed', { contentVersion }),
      onStatus: (status) => events.emit('sync:status', status),
      onRound: report,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    },
    reader.contentVersion(),
  );
  const mediaBlobs = new BlobStore(options.dataDir);
  const handlers: BridgeChannels = {
    'host:info': async () => ({ appVersion: options.appVersion, shell: options.shell, fault: null }),
    'content:list': async ({ limit, kinds, section }) => reader.list(limit, { kinds, section }),
    'content:article': async ({ id }) => reader.article(id),
    'content:search': async ({ query, limit }) => reader.search(query, limit),
    'content:item': async ({ id }) => reader.item(id),
    'notices:active': async ({ limit }) => reader.notices(limit),
    'editions:list': async ({ publicationId, limit }) => reader.editions(publicationId, limit),
    'quiz:questions': async ({ bankId, tag, date, limit }) =>
      reader.quizQuestions(bankId, { tag, date, limit: limit ?? 5 }),
    'book:chapter': async ({ bookId, chapterId }) => reader.bookChapter(bookId, chapterId),
    'media:read': async ({ sha256 }) => readMediaBlob(reader, mediaBlobs, sha256),
    'sync:status': async () => sync.status(),
    'sync:now': () => sync.syncOnce(),
  };
  const syncing = link.serverUrl !== null && link.device !== null;
  report();
  const firstSync = syncing ? sync.syncOnce().then(() => undefined) : Promise.resolve();
  const schedule = syncing ? scheduleSync(sync, logger) : null;
  return {
    fault: null,
    firstSync,
    handlers,
    onEvent: (listener) => events.subscribe(listener),
    close: async () => {
      await schedule?.stop();
      await firstSync;
      await link.reporter?.idle();
      await searchIndex.stop();
      readerDb.close();
      writerDb.close();
    },
  };
}
