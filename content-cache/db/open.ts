import Database from 'better-sqlite3';
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';
import type { HostFault } from '../../common/bridge/contract.js';
import { indexPending } from '../search/indexer.js';
import { LATEST_SCHEMA_VERSION, migrations } from './migrations/index.js';

export type StorageFaultCode = Exclude<HostFault['code'], 'internal'>;

/** A data directory or database the kiosk must not use; the host shows a safe screen instead. */
export class StorageFault extends Error {
  override name = 'StorageFault';
  constructor(
    readonly code: StorageFaultCode,
    message: string,
  ) {
    super(message);
  }
}

export const DATABASE_FILE = 'kiosk.sqlite';

/**
 * The data dir must already exist: a missing one usually means an unmounted disk, and silently
 * creating a fresh empty database there would hide that and lose the board's content.
 */
export function checkDataDir(dataDir: string): void {
  let stat;
  try {
    stat = statSync(dataDir);
  } catch {
    throw new StorageFault('data-dir-missing', `data directory ${dataDir} does not exist (is its disk mounted?)`);
  }
  if (!stat.isDirectory()) throw new StorageFault('data-dir-missing', `data directory ${dataDir} is not a directory`);
  try {
    accessSync(dataDir, constants.W_OK);
  } catch {
    throw new StorageFault('data-dir-unwritable', `data directory ${dataDir} is not writable by this user`);
  }
}

function applyPragmas(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
}

function schemaVersion(db: Database.Database, file: string): number {
  try {
    return db.pragma('user_version', { simple: true }) as number;
  } catch (error) {
    throw new StorageFault(
      'database-corrupt',
      `${file} is not a readable SQLite database: ${(error as Error).message}`,
    );
  }
}

function assertNotNewer(version: number, file: string): void {
  if (version > LATEST_SCHEMA_VERSION) {
    throw new StorageFault(
      'database-too-new',
      `${file} has schema version ${version}, newer than this app's ${LATEST_SCHEMA_VERSION}; install a newer app version`,
    );
  }
}

/** Applies pending migrations one transaction each, so a crash mid-way leaves a consistent older schema. */
export function migrate(db: Database.Database, file = 'database'): void {
  const current = schemaVersion(db, file);
  assertNotNewer(current, file);
  for (const migration of migrations.slice(current)) {
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}

/**
 * Opens the one writer connection: the sync daemon's. Items left queued for search are indexed
 * here unless the caller indexes them in the background (`indexQueued: false`, the kiosk host).
 */
export function openWriter(dataDir: string, { indexQueued = true } = {}): Database.Database {
  checkDataDir(dataDir);
  const file = path.join(dataDir, DATABASE_FILE);
  let db: Database.Database;
  try {
    db = new Database(file);
  } catch (error) {
    throw new StorageFault('database-corrupt', `cannot open ${file}: ${(error as Error).message}`);
  }
  try {
    // Refuse a newer schema before touching the file at all, not even to switch its journal mode.
    assertNotNewer(schemaVersion(db, file), file);
    applyPragmas(db);
    migrate(db, file);
  } catch (error) {
    db.close();
    if (error instanceof StorageFault) throw error;
    throw new StorageFault('database-corrupt', `${file} cannot be used: ${(error as Error).message}`);
  }
  if (!indexQueued) return db;
  // Items a crash or an upgrade left queued for search. The board shows its content even when this
  // cannot finish (a full disk, say): the rows stay queued, and the next publish indexes them again,
  // its caller seeing the error if it persists.
  try {
    indexPending(db);
  } catch {
    // Left queued, see above.
  }
  return db;
}

/** Opens a read-only connection for the UI; the writer must have created and migrated the file first. */
export function openReader(dataDir: string): Database.Database {
  const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  return db;
}
