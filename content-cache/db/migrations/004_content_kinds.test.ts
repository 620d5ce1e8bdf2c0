import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../open.js';
import { migrations } from './index.js';
import { migration004 } from './004_content_kinds.js';

let dir: string;
let db: Database.Database;

/** A database exactly as the migrations before 004 left it, with one article cached under that schema. */
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'nb-m004-'));
  db = new Database(path.join(dir, 'kiosk.sqlite'));
  db.pragma('foreign_keys = ON');
  for (const migration of migrations.slice(0, migration004.version - 1)) {
    migration.up(db);
    db.pragma(`user_version = ${migration.version}`);
  }
  db.prepare(
    `INSERT INTO items (id, origin, kind, title, source, section, language, published_at, summary, body_sha256, body_json, body_text)
    VALUES ('old', 'fleet', 'article', '升级前的文章', 'src', 'news', 'zh-CN', '2024-05-01', '', ?, '{"paragraphs":[]}', '')`,
  ).run('a'.repeat(64));
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function plan(sql: string, params: Record<string, unknown> = {}): string {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[])
    .map((row) => row.detail)
    .join('\n');
}

function insertItem(id: string, kind: string, extra: Record<string, unknown> = {}): number {
  const row = {
    id,
    kind,
    priority: 0,
    valid_from_ms: null,
    expires_at_ms: null,
    emergency: 0,
    published_at: '2025-03-01',
    ...extra,
  };
  return Number(
    db
      .prepare(
        `INSERT INTO items (id, origin, kind, title, source, section, language, published_at, summary, body_sha256,
          body_json, body_text, priority, valid_from_ms, expires_at_ms, emergency, meta_json)
        VALUES (@id, 'fleet', @kind, 't', 's', 'sec', 'zh-CN', @published_at, '', '${'b'.repeat(64)}', '{}', '',
          @priority, @valid_from_ms, @expires_at_ms, @emergency, '{}')`,
      )
      .run(row).lastInsertRowid,
  );
}

function count(table: string): number {
  return db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
}

describe('migration 004 (content kinds)', () => {
  it('gives articles cached before the upgrade the defaults of a plain article, shown without a window', () => {
    migrate(db);
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(4);
    expect(
      db
        .prepare('SELECT priority, valid_from_ms, expires_at_ms, emergency, meta_json FROM items WHERE id = ?')
        .get('old'),
    ).toEqual({ priority: 0, valid_from_ms: null, expires_at_ms: null, emergency: 0, meta_json: '{}' });
  });

  it('creates a table for each kind and keeps the integrity check clean', () => {
    migrate(db);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    for (const table of [
      'item_media',
      'editions',
      'edition_pages',
      'edition_regions',
      'quiz_questions',
      'quiz_question_tags',
      'book_chapters',
      'study_entries',
    ]) {
      expect(tables).toContain(table);
    }
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });

  it('lists one kind in order straight from items_kind_list, without sorting', () => {
    migrate(db);
    const detail = plan(
      `SELECT id FROM items WHERE kind = @kind AND (@section IS NULL OR section = @section)
        AND (valid_from_ms IS NULL OR valid_from_ms <= @now) AND (expires_at_ms IS NULL OR expires_at_ms > @now)
        ORDER BY priority DESC, published_at DESC, id LIMIT 20`,
      { kind: 'article', section: null, now: 0 },
    );
    expect(detail).toContain('items_kind_list');
    expect(detail).not.toMatch(/TEMP B-TREE/i);
  });

  it('reads active notices in display order from the partial index items_notices', () => {
    migrate(db);
    const detail = plan(
      `SELECT id FROM items INDEXED BY items_notices WHERE kind = 'notice'
        AND (valid_from_ms IS NULL OR valid_from_ms <= @now) AND (expires_at_ms IS NULL OR expires_at_ms > @now)
        ORDER BY emergency DESC, priority DESC, valid_from_ms DESC, id LIMIT 20`,
      { now: 0 },
    );
    expect(detail).toContain('items_notices');
    expect(detail).not.toMatch(/TEMP B-TREE/i);
  });

  it("reads an edition's pages and regions by key, and back issues newest first without sorting", () => {
    migrate(db);
    expect(plan('SELECT * FROM edition_pages WHERE item_row = 1 ORDER BY number')).toMatch(
      /SEARCH edition_pages USING PRIMARY KEY/,
    );
    expect(plan('SELECT * FROM edition_regions WHERE item_row = 1 ORDER BY page_number, seq')).toMatch(
      /SEARCH edition_regions USING PRIMARY KEY/,
    );
    expect(plan('SELECT * FROM edition_pages WHERE item_row = 1 ORDER BY number')).not.toMatch(/TEMP B-TREE/i);
    const issues = plan(
      "SELECT item_row FROM editions WHERE publication_id = 'daily' ORDER BY issue_date DESC, item_row LIMIT 10",
    );
    expect(issues).toContain('editions_publication');
    expect(issues).not.toMatch(/TEMP B-TREE/i);
  });

  it("deletes an item's edition, pages, regions, questions, chapters, entries and media with it", () => {
    migrate(db);
    const edition = insertItem('ed', 'edition');
    db.prepare("INSERT INTO editions VALUES (?, 'daily', '2025-03-01')").run(edition);
    db.prepare("INSERT INTO edition_pages VALUES (?, 1, '01', NULL, 100, 200, ?, NULL, NULL)").run(
      edition,
      'c'.repeat(64),
    );
    db.prepare("INSERT INTO edition_regions VALUES (?, 1, 0, 'a1', '[[0,0],[1,0],[1,1]]')").run(edition);
    db.prepare("INSERT INTO item_media VALUES (?, ?, 'image/png', 10)").run(edition, 'c'.repeat(64));
    const bank = insertItem('q', 'quiz-bank');
    db.prepare("INSERT INTO quiz_questions VALUES (?, 0, 'q1', 'true-false', '{}')").run(bank);
    db.prepare("INSERT INTO quiz_question_tags VALUES (?, 'tag', 0)").run(bank);
    const book = insertItem('b', 'book');
    db.prepare("INSERT INTO book_chapters VALUES (?, 0, 'c1', 'Chapter', 0, ?, '{}')").run(book, 'd'.repeat(64));
    const column = insertItem('s', 'study-column');
    db.prepare("INSERT INTO study_entries VALUES (?, 0, 'old', NULL)").run(column);

    db.prepare("DELETE FROM items WHERE origin = 'fleet'").run();
    for (const table of [
      'editions',
      'edition_pages',
      'edition_regions',
      'item_media',
      'quiz_questions',
      'quiz_question_tags',
      'book_chapters',
      'study_entries',
    ]) {
      expect(count(table), table).toBe(0);
    }
  });

  it('refuses a page with neither an image nor a PDF, and a region on a page that does not exist', () => {
    migrate(db);
    const edition = insertItem('ed', 'edition');
    db.prepare("INSERT INTO editions VALUES (?, 'daily', '2025-03-01')").run(edition);
    expect(() =>
      db.prepare("INSERT INTO edition_pages VALUES (?, 1, '01', NULL, 100, 200, NULL, NULL, NULL)").run(edition),
    ).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO edition_regions VALUES (?, 9, 0, 'a1', '[]')").run(edition)).toThrow(
      /FOREIGN KEY/,
    );
  });
});
