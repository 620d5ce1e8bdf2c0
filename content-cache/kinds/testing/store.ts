/** Test support: a real kiosk store in a temporary data dir, with a reader whose clock the test sets. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { packManifestSchema } from '../../../common/pack.js';
import { BlobStore } from '../../../content-format/blobs/fsBlobStore.js';
import type { BuiltPack } from '../../../content-format/pack/build.js';
import { ContentReader } from '../../contentReader.js';
import { ContentWriter, FLEET_ORIGIN } from '../../contentWriter.js';
import { openReader, openWriter } from '../../db/open.js';
import { entriesFromBlobs } from '../../sync/publishEntries.js';
import { NOW } from './everyKind.js';

export interface TestStore {
  dataDir: string;
  writerDb: ReturnType<typeof openWriter>;
  writer: ContentWriter;
  reader: ContentReader;
  blobs: BlobStore;
  /** The reader's clock; tests move it. */
  clock: { now: Date };
  /** Stores the pack's blobs and publishes it as the fleet's version, the board's clock at `publishedAt`. */
  publish(pack: BuiltPack, publishedAt?: Date): void;
  close(): void;
}

export function openTestStore(): TestStore {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'nb-kinds-'));
  const writerDb = openWriter(dataDir);
  const readerDb = openReader(dataDir);
  const clock = { now: NOW };
  const writer = new ContentWriter(writerDb);
  const blobs = new BlobStore(dataDir);
  return {
    dataDir,
    writerDb,
    writer,
    reader: new ContentReader(readerDb, () => clock.now),
    blobs,
    clock,
    publish(pack, publishedAt = NOW) {
      const manifest = packManifestSchema.parse(pack.manifest);
      for (const [sha256, bytes] of pack.blobs) blobs.put(sha256, bytes);
      writer.publish(FLEET_ORIGIN, manifest.version, entriesFromBlobs(manifest.items, blobs), publishedAt);
    },
    close() {
      readerDb.close();
      writerDb.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
