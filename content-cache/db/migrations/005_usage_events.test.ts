import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../open.js';
import { migrations } from './index.js';
import { migration005 } from './005_usage_events.js';

let dir: string;
let db: Database.Database;

/** A database exactly as the migrations before 005 left it. */
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'nb-m005-'));
  db = new Database(path.join(dir, 'kiosk.sqlite'));
  for (const migration of migrations.slice(0, migration005.version - 1)) {
    migration.up(db);
    db.pragma(`user_version = ${migration.version}`);
  }
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const record = (kind: string, itemId: string | null, payload = '{}') =>
  db
    .prepare("INSERT INTO usage_events (kind, item_id, at, payload_json) VALUES (?, ?, '2025-03-01T08:00:00Z', ?)")
    .run(kind, itemId, payload);

describe('migration 005 (usage events)', () => {
  it('queues events unsent, in the order they happened', () => {
    migrate(db);
    record('item-opened', 'a1');
    record('quiz-finished', 'quiz-1', '{"score":4}');
    expect(db.prepare('SELECT kind, item_id, sent FROM usage_events ORDER BY id').all()).toEqual([
      { kind: 'item-opened', item_id: 'a1', sent: 0 },
      { kind: 'quiz-finished', item_id: 'quiz-1', sent: 0 },
    ]);
  });

  it('reads the oldest unsent events through the partial index, and sent ones drop out of it', () => {
    migrate(db);
    const unsent = 'SELECT id FROM usage_events WHERE sent = 0 ORDER BY id LIMIT 100';
    const detail = (db.prepare(`EXPLAIN QUERY PLAN ${unsent}`).all() as { detail: string }[])
      .map((r) => r.detail)
      .join('\n');
    expect(detail).toContain('usage_events_unsent');
    expect(detail).not.toMatch(/TEMP B-TREE/i);
    record('item-opened', 'a1');
    record('item-opened', 'a2');
    db.prepare('UPDATE usage_events SET sent = 1 WHERE id = 1').run();
    expect(db.prepare(unsent).pluck().all()).toEqual([2]);
  });

  it('refuses an event without a kind or a sent flag other than 0 or 1', () => {
    migrate(db);
    expect(() => record(null as unknown as string, null)).toThrow(/NOT NULL/);
    expect(() =>
      db.prepare("INSERT INTO usage_events (kind, at, sent) VALUES ('x', '2025-03-01T00:00:00Z', 2)").run(),
    ).toThrow(/CHECK/);
  });
});
