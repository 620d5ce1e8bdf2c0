/**
 * Okapi BM25 exactly as FTS5's bm25() computes it (k1 = 1.2, b = 0.75, phrase frequency summed over
 * column weights, row length in tokens, IDF floored at 1e-6), but over a bounded set of candidate
 * rows whose folded text is at hand. FTS5's own function first counts every row matching each
 * phrase to get its IDF: a pass over all matches that alone costs more than our search may take.
 */
const K1 = 1.2;
const B = 0.75;
/** Title, body, pinyin: a title hit weighs five body hits; pinyin is the title read aloud. */
export const COLUMN_WEIGHTS = [5, 1, 4] as const;
/** The trigram tokenizer makes a column of n characters into n - 2 tokens. */
const TRIGRAM_OVERLAP = 2;

export interface CorpusStats {
  rows: number;
  /** Tokens per row, all columns together. */
  averageTokens: number;
}

function varint(bytes: Uint8Array, offset: number): [value: number, next: number] {
  let value = 0;
  for (let i = 0; i < 8; i++) {
    const byte = bytes[offset + i] ?? 0;
    value = value * 128 + (byte & 0x7f);
    if (byte < 0x80) return [value, offset + i + 1];
  }
  return [value * 256 + (bytes[offset + 8] ?? 0), offset + 9];
}

/** FTS5's averages record: the row count, then each column's token total, as SQLite varints. */
export function corpusStats(averages: Uint8Array, columns: number): CorpusStats {
  let [rows, offset] = varint(averages, 0);
  let tokens = 0;
  for (let column = 0; column < columns; column++) {
    const [total, next] = varint(averages, offset);
    tokens += total;
    offset = next;
  }
  rows = Math.max(rows, 1);
  return { rows, averageTokens: Math.max(tokens / rows, 1) };
}

export function inverseDocumentFrequency(rows: number, matching: number): number {
  const idf = Math.log((rows - matching + 0.5) / (matching + 0.5));
  return idf > 0 ? idf : 1e-6;
}

/** What bm25 needs of one row: each column's length in characters, each term's count per column. */
export interface RowCounts {
  lengths: readonly number[];
  /** counts[term][column] */
  counts: readonly (readonly number[])[];
}

/** The bm25() value of one row (negative: lower is better). */
export function bm25({ lengths, counts }: RowCounts, idf: readonly number[], stats: CorpusStats): number {
  let tokens = 0;
  for (const length of lengths) tokens += Math.max(0, length - TRIGRAM_OVERLAP);
  const norm = K1 * (1 - B + (B * tokens) / stats.averageTokens);
  let score = 0;
  counts.forEach((perColumn, term) => {
    let frequency = 0;
    perColumn.forEach((count, column) => {
      frequency += (COLUMN_WEIGHTS[column] ?? 1) * count;
    });
    score += ((idf[term] ?? 1e-6) * (frequency * (K1 + 1))) / (frequency + norm);
  });
  return -score;
}
