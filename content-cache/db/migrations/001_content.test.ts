import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migration001 } from './001_content.js';

let dir: string;
let db: Database.Database;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'nb-m001-'));
  db = new Database(path.join(dir, 'kiosk.sqlite'));
  expect(db.pragma('user_version', { simple: true })).toBe(0);
  migration001.up(db);
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function names(type: 'table' | 'index'): string[] {
  return db
    .prepare("SELECT name FROM sqlite_master WHERE type = ? AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all(type) as string[];
}

function plan(sql: string, ...params: unknown[]): string {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[])
    .map((row) => row.detail)
    .join('\n');
}

function insertItem(id: string, origin: string, publishedAt: string): void {
  db.prepare(
    `INSERT INTO items (id, origin, kind, title, source, section, language, published_at, summary, body_sha256, body_json, body_text)
    VALUES (?, ?, 'article', ?, 'src', 'news', 'zh-CN', ?, '', ?, '{"paragraphs":[]}', '')`,
  ).run(id, origin, `title ${id}`, publishedAt, 'a'.repeat(64));
}

describe('migration 001 (content)', () => {
  it('creates the content tables and their indexes', () => {
    expect(names('table')).toEqual(['blobs', 'content_versions', 'items', 'sync_state']);
    expect(names('index')).toEqual(['content_versions_origin', 'items_home', 'items_id']);
  });

  it('serves the home list from items_home without sorting in a temporary B-tree', () => {
    const detail = plan('SELECT id, title FROM items ORDER BY published_at DESC, id LIMIT ?', 20);
    expect(detail).toContain('items_home');
    expect(detail).not.toMatch(/TEMP B-TREE/i);
  });

  it("finds one origin's rows through its (origin, id) key, so a publish does not scan every item", () => {
    expect(plan('DELETE FROM items WHERE origin = ?', 'fleet')).toMatch(
      /USING (COVERING )?INDEX sqlite_autoindex_items/,
    );
  });

  it('finds the newest row of an id through items_id', () => {
    expect(plan('SELECT title FROM items WHERE id = ? ORDER BY row_id DESC LIMIT 1', 'a')).toContain('items_id');
  });

  it('keeps one row per (origin, id) and returns the home list newest first', () => {
    insertItem('old', 'fleet', '2024-01-01T08:00:00Z');
    insertItem('new', 'fleet', '2024-03-01T08:00:00Z');
    insertItem('mid', 'pack', '2024-02-01T08:00:00Z');
    insertItem('new', 'pack', '2024-04-01T08:00:00Z');
    expect(() => insertItem('new', 'pack', '2024-05-01T08:00:00Z')).toThrow(/UNIQUE/);
    const ids = db.prepare('SELECT id FROM items ORDER BY published_at DESC, id LIMIT 10').pluck().all();
    expect(ids).toEqual(['new', 'new', 'mid', 'old']);
  });

  it('refuses an item without its required fields', () => {
    expect(() => db.prepare("INSERT INTO items (id, origin) VALUES ('x', 'fleet')").run()).toThrow(/NOT NULL/);
  });

  it('stores sync state as one value per key', () => {
    const set = db.prepare(
      'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
    set.run('etag', '"a"');
    set.run('etag', '"b"');
    expect(db.prepare('SELECT value FROM sync_state').pluck().all()).toEqual(['"b"']);
  });
});
