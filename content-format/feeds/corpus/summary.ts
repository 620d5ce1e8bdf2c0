import type { CaseResult } from './runCorpus.js';

export interface CategoryRow {
  category: string;
  files: number;
  rejected: number;
  applicable: number;
  passed: number;
  /** Of the passed, those that matched feedparser only once its output went through our stricter allowlist. */
  passedUnderPolicy: number;
  failed: number;
  notMappable: number;
}

export function summarize(results: readonly CaseResult[]): CategoryRow[] {
  const rows = new Map<string, CategoryRow>();
  const rowOf = (category: string) => {
    let row = rows.get(category);
    if (!row) {
      row = {
        category,
        files: 0,
        rejected: 0,
        applicable: 0,
        passed: 0,
        passedUnderPolicy: 0,
        failed: 0,
        notMappable: 0,
      };
      rows.set(category, row);
    }
    return row;
  };
  for (const result of results) {
    for (const row of [rowOf(result.category), rowOf('total')]) {
      row.files++;
      if (result.status === 'rejected') row.rejected++;
      if (result.outcome === 'not-mappable') row.notMappable++;
      else row.applicable++;
      if (result.outcome === 'passed' || result.outcome === 'passed-policy') row.passed++;
      if (result.outcome === 'passed-policy') row.passedUnderPolicy++;
      if (result.outcome === 'failed') row.failed++;
    }
  }
  const total = rows.get('total');
  rows.delete('total');
  return [...[...rows.values()].sort((a, b) => a.category.localeCompare(b.category)), ...(total ? [total] : [])];
}

/** The table docs/feed-corpus.md shows. */
export function markdownTable(rows: readonly CategoryRow[]): string {
  const percent = (row: CategoryRow) =>
    row.applicable === 0 ? '–' : `${((100 * row.passed) / row.applicable).toFixed(1)}%`;
  const lines = [
    '| category | files | rejected | applicable | passed | of which under our allowlist | failed | not mappable | pass rate |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((row) => {
      const name = row.category === 'total' ? '**total**' : `\`${row.category}\``;
      return `| ${name} | ${row.files} | ${row.rejected} | ${row.applicable} | ${row.passed} | ${row.passedUnderPolicy} | ${row.failed} | ${row.notMappable} | ${percent(row)} |`;
    }),
  ];
  return lines.join('\n');
}
