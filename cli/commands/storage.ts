import path from 'node:path';
import { BlobStore } from '../../content-format/blobs/fsBlobStore.js';
import { ContentReader } from '../../content-cache/contentReader.js';
import { ContentWriter } from '../../content-cache/contentWriter.js';
import { StorageFault, openReader, openWriter } from '../../content-cache/db/open.js';
import { CliError } from '../args.js';
import { createLogger } from '../logger.js';

/** Opens a kiosk data dir for a one-shot command, turning storage faults into one-line CLI errors. */
export function openKioskStorage(dataDirOption: string, command: string) {
  const dataDir = path.resolve(dataDirOption);
  try {
    const db = openWriter(dataDir);
    return {
      db,
      writer: new ContentWriter(db, { logger: createLogger('warn') }),
      reader: () => new ContentReader(openReader(dataDir)),
      blobs: new BlobStore(dataDir),
      close: () => db.close(),
    };
  } catch (error) {
    if (error instanceof StorageFault) throw new CliError(`newsboard ${command}: ${error.message}`, 2);
    throw error;
  }
}
