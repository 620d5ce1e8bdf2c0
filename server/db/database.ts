import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, type Migration } from 'kysely';
import path from 'node:path';
import * as m001 from './migrations/001_releases.js';
import type { FleetDatabase } from './schema.js';

export const serverMigrations: Record<string, Migration> = { '001_releases': m001 };

export const FLEET_DATABASE_FILE = 'fleet.sqlite';

/** Opens the fleet database on SQLite (PostgreSQL arrives through the same Kysely interface) and migrates it. */
export async function openFleetDatabase(dataDir: string): Promise<Kysely<FleetDatabase>> {
  const sqlite = new SQLite(path.join(dataDir, FLEET_DATABASE_FILE));
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
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
