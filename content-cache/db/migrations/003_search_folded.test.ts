import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { indexPending } from '../../search/indexer.js';
import { migration001 } from './001_content.js';
import { migration002 } from './002_search.js';
import { migration003 } from './003_search_folded.js';

let dir: string;
let db: Database.Database;

/** A database exactly as migration 002 left it: the state migration 003 is applied to. */
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'nb-m003-'));
  db = new Database(path.join(dir, 'kiosk.sqlite'));
  migration001.up(db);
  migration002.up(db);
  db.pragma('user_version = 2');
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function migrateTo3(): void {
  db.transaction(() => {
    migration003.up(db);
    db.pragma('user_version = 3');
  })();
}

function insertItem(id: string, title: string, bodyText: string, publishedAt = '2024-05-01'): void {
  db.prepare(
    `INSERT INTO items (id, origin, kind, title, source, section, language, published_at, summary, body_sha256, body_json, body_text)
    VALUES (?, 'fleet', 'article', ?, 'src', 'news', 'zh-CN', ?, '', ?, '{"paragraphs":[]}', ?)`,
  ).run(id, title, publishedAt, 'b'.repeat(64), bodyText);
}

/** Items whose folded text holds a trigram phrase, through the index and the text it indexes. */
function matches(phrase: string): string[] {
  return db
    .prepare(
      `SELECT items.id FROM items_fts JOIN search_text ON search_text.fts_rowid = items_fts.rowid
      JOIN items ON items.row_id = search_text.row_id WHERE items_fts MATCH ? ORDER BY items.id`,
    )
    .pluck()
    .all(`"${phrase}"`) as string[];
}

function titleMatches(tokens: string): number {
  return db.prepare('SELECT count(*) FROM items_chars WHERE items_chars MATCH ?').pluck().get(`"${tokens}"`) as number;
}

const pending = () => db.prepare('SELECT count(*) FROM search_pending').pluck().get();
const integrityOk = () => db.prepare("INSERT INTO items_fts (items_fts, rank) VALUES ('integrity-check', 1)").run();

describe('migration 003 (search over folded text)', () => {
  it('replaces the old index and triggers with the folded-text tables and the queueing triggers', () => {
    migrateTo3();
    const objects = db
      .prepare(
        `SELECT type, name FROM sqlite_master WHERE type IN ('table', 'trigger')
        AND (name LIKE 'items_fts%' OR name LIKE 'items_chars%' OR name LIKE 'search_%') ORDER BY name`,
      )
      .all() as { type: string; name: string }[];
    const names = objects.map((object) => object.name);
    expect(names).toEqual(
      expect.arrayContaining(['items_fts', 'items_chars', 'search_text', 'search_pending', 'search_queue']),
    );
    expect(names).not.toContain('items_fts_insert');
    expect(db.prepare("SELECT sql FROM sqlite_master WHERE name = 'items_fts'").pluck().get()).toMatch(
      /content='search_text'.*trigram case_sensitive 1/s,
    );
  });

  it('queues the items cached under schema 2 and indexes them folded, traditional found by simplified', () => {
    insertItem('trad', '縣級融媒體中心', '電子閱報欄走進社區');
    insertItem('simp', '媒体融合', '推动 媒体 融合 发展');
    migrateTo3();
    expect(pending()).toBe(2);
    expect(indexPending(db)).toEqual({ indexed: 2, remaining: 0 });
    expect(matches('融媒体中心')).toEqual(['trad']);
    expect(matches('电子阅报栏')).toEqual(['trad']);
    expect(matches('媒体融合发展')).toEqual(['simp']);
    expect(matches('meitironghe')).toEqual(['simp']);
    expect(titleMatches('媒 体')).toBe(2);
    integrityOk();
  });

  it('queues what is published later and takes deleted or changed items out of every index', () => {
    migrateTo3();
    insertItem('a1', '北京今日晴转多云', '气温回升');
    insertItem('a2', '社区通知', '本周六上午举行义诊活动。');
    expect(pending()).toBe(2);
    expect(matches('晴转多')).toEqual([]);
    indexPending(db);
    expect(matches('晴转多')).toEqual(['a1']);

    db.prepare("UPDATE items SET title = '上海今日有雨' WHERE id = 'a1'").run();
    expect(matches('晴转多')).toEqual([]);
    expect(pending()).toBe(1);
    indexPending(db);
    expect(matches('今日有雨')).toEqual(['a1']);

    db.prepare("DELETE FROM items WHERE id = 'a1'").run();
    expect(matches('今日有雨')).toEqual([]);
    expect(matches('气温回')).toEqual([]);
    expect(titleMatches('上 海')).toBe(0);
    insertItem('a3', '尚未索引', '删除时还在队列里');
    db.prepare("DELETE FROM items WHERE id = 'a3'").run();
    expect(pending()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM search_text').pluck().get()).toBe(1);
    integrityOk();
  });
});
