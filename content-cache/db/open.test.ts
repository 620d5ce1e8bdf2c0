import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from './migrations/index.js';
import { DATABASE_FILE, StorageFault, openReader, openWriter } from './open.js';

let root: string;

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'nb-open-'));
});

afterEach(() => {
  chmodSync(root, 0o700);
  rmSync(root, { recursive: true, force: true });
});

function faultOf(run: () => unknown): StorageFault {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(StorageFault);
    return error as StorageFault;
  }
  throw new Error('expected a StorageFault, but the call succeeded');
}

describe('openWriter', () => {
  it('creates a fresh database at the latest schema with WAL, synchronous FULL and foreign keys', () => {
    const db = openWriter(root);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      expect(LATEST_SCHEMA_VERSION).toBeGreaterThanOrEqual(2);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name IN ('items', 'items_fts')").pluck().get()).toBe(
        2,
      );
    } finally {
      db.close();
    }
  });

  it('reopens an existing database without losing what it holds', () => {
    const first = openWriter(root);
    first.prepare("INSERT INTO sync_state (key, value) VALUES ('k', 'kept')").run();
    first.close();
    const second = openWriter(root);
    expect(second.prepare("SELECT value FROM sync_state WHERE key = 'k'").pluck().get()).toBe('kept');
    second.close();
  });

  it('refuses a missing data dir and does not create it (an unmounted disk must not get a fresh empty database)', () => {
    const missing = path.join(root, 'not-mounted');
    const fault = faultOf(() => openWriter(missing));
    expect(fault.code).toBe('data-dir-missing');
    expect(fault.message).toContain(missing);
    expect(existsSync(missing)).toBe(false);
  });

  it('refuses a data dir path that is a file', () => {
    const file = path.join(root, 'file');
    writeFileSync(file, 'x');
    expect(faultOf(() => openWriter(file)).code).toBe('data-dir-missing');
  });

  it('refuses a file that is not a database and leaves it byte-identical', () => {
    const file = path.join(root, DATABASE_FILE);
    const original = Buffer.from('这不是数据库 — not an SQLite file at all\n'.repeat(200), 'utf8');
    writeFileSync(file, original);
    const fault = faultOf(() => openWriter(root));
    expect(fault.code).toBe('database-corrupt');
    expect(fault.message).toContain(file);
    expect(readFileSync(file).equals(original)).toBe(true);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('refuses a database from a newer app version without touching it, not even its journal mode', () => {
    const file = path.join(root, DATABASE_FILE);
    const newer = new Database(file);
    newer.exec('CREATE TABLE future (x INTEGER)');
    newer.pragma('user_version = 99');
    newer.close();
    const before = readFileSync(file);
    expect([before[18], before[19]]).toEqual([1, 1]); // rollback journal, as the newer app left it

    const fault = faultOf(() => openWriter(root));
    expect(fault.code).toBe('database-too-new');
    expect(fault.message).toMatch(/99/);

    const after = readFileSync(file);
    expect(after.equals(before)).toBe(true);
    expect([after[18], after[19]]).toEqual([1, 1]);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('refuses a data dir this user cannot write to', (context) => {
    const dataDir = path.join(root, 'readonly');
    mkdirSync(dataDir);
    if (process.getuid?.() !== 0) {
      chmodSync(dataDir, 0o555);
      try {
        expect(faultOf(() => openWriter(dataDir)).code).toBe('data-dir-unwritable');
      } finally {
        chmodSync(dataDir, 0o755);
      }
      expect(existsSync(path.join(dataDir, DATABASE_FILE))).toBe(false);
      return;
    }
    // Root writes through permission bits, so run openWriter as `nobody` in a child Node process
    // that loads this repository's TypeScript directly. The data dir stays root-owned 0755.
    chmodSync(root, 0o755);
    const openModule = fileURLToPath(new URL('./open.ts', import.meta.url));
    const script = path.join(root, 'as-nobody.mjs');
    writeFileSync(
      script,
      `import { registerHooks } from 'node:module';
registerHooks({ resolve(specifier, ctx, next) {
  try { return next(specifier, ctx); } catch (error) {
    if (specifier.endsWith('.js')) return next(specifier.slice(0, -3) + '.ts', ctx);
    throw error;
  }
} });
const { openWriter } = await import(${JSON.stringify(openModule)});
try { openWriter(process.argv[2]).close(); console.log(JSON.stringify({ ok: true })); }
catch (error) { console.log(JSON.stringify({ name: error.name, code: error.code, message: error.message })); }
`,
    );
    chmodSync(script, 0o644);
    const child = spawnSync(process.execPath, ['--experimental-transform-types', '--no-warnings', script, dataDir], {
      uid: 65534,
      gid: 65534,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '' },
      timeout: 15_000,
    });
    if (child.error && (child.error as NodeJS.ErrnoException).code === 'EPERM') {
      context.skip(
        'running as root and cannot spawn a process as nobody (uid 65534): permission bits cannot be tested here',
      );
    }
    expect(child.stderr).toBe('');
    expect(JSON.parse(child.stdout)).toEqual({
      name: 'StorageFault',
      code: 'data-dir-unwritable',
      message: `data directory ${dataDir} is not writable by this user`,
    });
    expect(existsSync(path.join(dataDir, DATABASE_FILE))).toBe(false);
  });
});

describe('openReader', () => {
  it('reads what the writer committed and cannot write', () => {
    const writer = openWriter(root);
    writer.prepare("INSERT INTO sync_state (key, value) VALUES ('k', 'v')").run();
    const reader = openReader(root);
    try {
      expect(reader.prepare('SELECT value FROM sync_state').pluck().get()).toBe('v');
      expect(() => reader.prepare('DELETE FROM sync_state').run()).toThrow(/readonly/i);
    } finally {
      reader.close();
      writer.close();
    }
  });
});
