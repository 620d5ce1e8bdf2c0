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
import { FleetSync } from '../../content-cache/sync/fleetSync.js';
import type { BridgeEventListener, KioskHost } from './types.js';

export interface KioskHostOptions {
  dataDir: string;
  serverUrl: string | null;
  shell: HostInfo['shell'];
  appVersion: string;
  logger: Logger;
  syncIntervalMs?: number;
}

export interface StartedKioskHost extends KioskHost {
  readonly fault: HostFault | null;
  /** Resolves when the first sync attempt at start-up has finished (or at once without a server). */
  readonly firstSync: Promise<void>;
}

const DEFAULT_SYNC_INTERVAL_MS = 60_000;

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
    writerDb = openWriter(options.dataDir);
  } catch (error) {
    const fault: HostFault =
      error instanceof StorageFault
        ? { code: error.code, detail: error.message }
        : { code: 'internal', detail: error instanceof Error ? error.message : String(error) };
    logger.error({ fault }, 'kiosk storage unusable; showing the fault screen');
    return faultedHost(options, fault, events);
  }
  const readerDb = openReader(options.dataDir);
  const reader = new ContentReader(readerDb);
  const sync = new FleetSync(
    {
      serverUrl: options.serverUrl,
      writer: new ContentWriter(writerDb),
      blobs: new BlobStore(options.dataDir),
      logger,
      onPublished: (contentVersion) => events.emit('content:changed', { contentVersion }),
      onStatus: (status) => events.emit('sync:status', status),
    },
    reader.contentVersion(),
  );
  const handlers: BridgeChannels = {
    'host:info': async () => ({ appVersion: options.appVersion, shell: options.shell, fault: null }),
    'content:list': async ({ limit }) => reader.list(limit),
    'content:article': async ({ id }) => reader.article(id),
    'content:search': async ({ query, limit }) => reader.search(query, limit),
    'sync:status': async () => sync.status(),
    'sync:now': () => sync.syncOnce(),
  };
  const firstSync = options.serverUrl ? sync.syncOnce().then(() => undefined) : Promise.resolve();
  sync.start(options.syncIntervalMs ?? DEFAULT_SYNC_INTERVAL_MS);
  return {
    fault: null,
    firstSync,
    handlers,
    onEvent: (listener) => events.subscribe(listener),
    close: async () => {
      sync.stop();
      await firstSync;
      readerDb.close();
      writerDb.close();
    },
  };
}
