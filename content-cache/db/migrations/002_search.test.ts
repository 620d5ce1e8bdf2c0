import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migration001 } from './001_content.js';
import { migration002 } from './002_search.js';

let dir: string;
let db: Database.Database;

/** A database exactly as migration 001 left it: the state migration 002 is applied to. */
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'nb-m002-'));
  db = new Database(path.join(dir, 'kiosk.sqlite'));
  migration001.up(db);
  db.pragma('user_version = 1');
});

/** Migration 002 alone: later migrations (003) replace its index, so migrate() would test theirs. */
function migrateTo2(): void {
  db.transaction(() => {
    migration002.up(db);
    db.pragma('user_version = 2');
  })();
}

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function insertItem(id: string, title: string, bodyText: string): void {
  db.prepare(
    `INSERT INTO items (id, origin, kind, title, source, section, language, published_at, summary, body_sha256, body_json, body_text)
    VALUES (?, 'fleet', 'article', ?, 'src', 'news', 'zh-CN', '2024-05-01', '', ?, '{"paragraphs":[]}', ?)`,
  ).run(id, title, 'b'.repeat(64), bodyText);
}

function matches(query: string): string[] {
  return db
    .prepare(
      'SELECT items.id FROM items_fts JOIN items ON items.row_id = items_fts.rowid WHERE items_fts MATCH ? ORDER BY items.id',
    )
    .pluck()
    .all(`"${query}"`) as string[];
}

function ftsIntegrityOk(): void {
  db.prepare("INSERT INTO items_fts (items_fts, rank) VALUES ('integrity-check', 1)").run();
}

describe('migration 002 (search)', () => {
  it('moves a version-1 database to version 2 with the trigram index and its triggers', () => {
    migrateTo2();
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    const objects = db
      .prepare(
        "SELECT type, name FROM sqlite_master WHERE name LIKE 'items_fts%' AND type IN ('table', 'trigger') ORDER BY name",
      )
      .all();
    expect(objects).toEqual(
      expect.arrayContaining([
        { type: 'table', name: 'items_fts' },
        { type: 'trigger', name: 'items_fts_delete' },
        { type: 'trigger', name: 'items_fts_insert' },
        { type: 'trigger', name: 'items_fts_update' },
      ]),
    );
    expect(db.prepare("SELECT sql FROM sqlite_master WHERE name = 'items_fts'").pluck().get()).toMatch(/trigram/);
  });

  it('makes an inserted item findable by a three-character match in its title or body', () => {
    migrateTo2();
    insertItem('a1', '北京今日晴转多云', '气温回升，适合出行。');
    insertItem('a2', '社区通知', '本周六上午举行义诊活动。');
    expect(matches('晴转多')).toEqual(['a1']);
    expect(matches('义诊活')).toEqual(['a2']);
    expect(matches('没有的词')).toEqual([]);
    ftsIntegrityOk();
  });

  it('follows updates and deletes, so a replaced or removed item is never found by its old text', () => {
    migrateTo2();
    insertItem('a1', '北京今日晴转多云', '气温回升');
    db.prepare("UPDATE items SET title = '上海今日有雨' WHERE id = 'a1'").run();
    expect(matches('晴转多')).toEqual([]);
    expect(matches('今日有雨')).toEqual(['a1']);
    db.prepare("DELETE FROM items WHERE id = 'a1'").run();
    expect(matches('今日有雨')).toEqual([]);
    expect(matches('气温回')).toEqual([]);
    ftsIntegrityOk();
  });

  it('indexes items that were already stored before the upgrade, and can delete them afterwards', () => {
    insertItem('old', '升级前的文章标题', '升级前已经缓存的正文');
    migrateTo2();
    expect(matches('升级前')).toEqual(['old']);
    ftsIntegrityOk();
    db.prepare("DELETE FROM items WHERE id = 'old'").run();
    expect(matches('升级前')).toEqual([]);
    ftsIntegrityOk();
  });
});
