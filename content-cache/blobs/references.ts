import type { Database } from 'better-sqlite3';

/**
 * Every blob the published content references, in any table: by convention a column named
 * `<something>_sha256` (or `sha256`) outside the `blobs` table is a blob reference. Reading the
 * schema instead of naming tables keeps eviction safe when a migration adds a table that refers to
 * blobs: it is protected without anyone remembering to list it here.
 */
export function referencedBlobs(db: Database): Set<string> {
  const referenced = new Set<string>();
  const tables = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'blobs'")
    .pluck()
    .all() as string[];
  for (const table of tables) {
    const columns = db.pragma(`table_info("${table.replaceAll('"', '""')}")`) as { name: string }[];
    for (const { name } of columns) {
      if (name !== 'sha256' && !name.endsWith('_sha256')) continue;
      const values = db
        .prepare(`SELECT DISTINCT "${name}" FROM "${table.replaceAll('"', '""')}" WHERE "${name}" IS NOT NULL`)
        .pluck()
        .all() as string[];
      for (const value of values) referenced.add(value);
    }
  }
  return referenced;
}
