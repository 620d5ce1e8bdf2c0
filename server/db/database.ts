import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, type Migration } from 'kysely';
import path from 'node:path';
import * as m001 from './migrations/001_releases.js';
import * as m002 from './migrations/002_release_signatures.js';
import * as m003 from './migrations/003_enrollment_codes.js';
import * as m004 from './migrations/004_devices.js';
import * as m005 from './migrations/005_reports.js';
import * as m006 from './migrations/006_report_retention.js';
import type { FleetDatabase } from './schema.js';

export const serverMigrations: Record<string, Migration> = {
  '001_releases': m001,
  '002_release_signatures': m002,
  '003_enrollment_codes': m003,
  '004_devices': m004,
  '005_reports': m005,
  '006_report_retention': m006,
};

export const FLEET_DATABASE_FILE = 'fleet.sqlite';

/** Opens the fleet database on SQLite (PostgreSQL arrives through the same Kysely interface) and migrates it. */
export async function openFleetDatabase(dataDir: string): Promise<Kysely<FleetDatabase>> {
  const sqlite = new SQLite(path.join(dataDir, FLEET_DATABASE_FILE));
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  // The server and `newsboard enroll-code` / `devices` may hold the file at the same time.
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<FleetDatabase>({ dialect: new SqliteDialect({ database: sqlite }) });
  await migrateFleetDatabase(db);
  return db;
}

export async function migrateFleetDatabase(db: Kysely<FleetDatabase>): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => serverMigrations } });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
}
