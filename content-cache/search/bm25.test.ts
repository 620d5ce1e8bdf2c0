import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bm25, COLUMN_WEIGHTS, corpusStats, inverseDocumentFrequency } from './bm25.js';

let db: Database.Database;

const ROWS: [string, string, string][] = [
  ['媒体融合发展', '推动媒体融合向纵深发展，媒体融合是课题。', 'meitironghefazhan mtrhfz'],
  ['电子阅报栏', '社区电子阅报栏启用，媒体融合的成果。', 'dianziyuebaolan dzybl'],
  ['今日要闻', '没有相关内容的一段很长很长很长很长很长很长的正文。', 'jinriyaowen jryw'],
  ['媒体融合', '短文。', 'meitironghe mtrh'],
  ['社区通知', '本周六上午在社区服务中心义诊，电子阅报栏旁集合。', 'shequtongzhi sqtz'],
];

beforeEach(() => {
  db = new Database(':memory:');
  db.exec("CREATE VIRTUAL TABLE f USING fts5(title, body_text, pinyin, tokenize='trigram case_sensitive 1')");
  const insert = db.prepare('INSERT INTO f (rowid, title, body_text, pinyin) VALUES (?, ?, ?, ?)');
  ROWS.forEach((row, i) => insert.run(i + 1, ...row));
});

afterEach(() => db.close());

function occurrences(text: string, term: string): number {
  let count = 0;
  for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + 1)) count++;
  return count;
}

describe('bm25', () => {
  it('gives the value FTS5 bm25() gives, for one term and for several', () => {
    const stats = corpusStats(db.prepare('SELECT block FROM f_data WHERE id = 1').pluck().get() as Uint8Array, 3);
    expect(stats.rows).toBe(ROWS.length);
    for (const terms of [['媒体融合'], ['电子阅报栏'], ['媒体融合', '电子阅报栏'], ['社区服务', '阅报栏']]) {
      const expression = terms.map((term) => `"${term}"`).join(' AND ');
      const expected = db
        .prepare(`SELECT rowid, bm25(f, ${COLUMN_WEIGHTS.join(', ')}) AS score FROM f WHERE f MATCH ?`)
        .all(expression) as { rowid: number; score: number }[];
      expect(expected.length, expression).toBeGreaterThan(0);
      const idf = terms.map((term) =>
        inverseDocumentFrequency(stats.rows, ROWS.filter((row) => row.some((column) => column.includes(term))).length),
      );
      for (const { rowid, score } of expected) {
        const row = ROWS[rowid - 1] as string[];
        const ours = bm25(
          {
            lengths: row.map((column) => [...column].length),
            counts: terms.map((term) => row.map((column) => occurrences(column, term))),
          },
          idf,
          stats,
        );
        expect(ours, `${expression} row ${rowid}`).toBeCloseTo(score, 9);
      }
    }
  });

  it('floors the IDF of a term most rows hold, as FTS5 does', () => {
    expect(inverseDocumentFrequency(10, 9)).toBe(1e-6);
    expect(inverseDocumentFrequency(10, 1)).toBeCloseTo(Math.log(9.5 / 1.5), 12);
  });
});
