// Prints one closing line per runner and a total, from the runners' JSON reports:
// `total: N passed, N failed, N skipped`. Exits non-zero when a report is missing or has failures.
import { existsSync, readFileSync } from 'node:fs';

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

function vitestCounts(file: string): Counts {
  const report = JSON.parse(readFileSync(file, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  };
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests,
    skipped: report.numPendingTests + report.numTodoTests,
  };
}

function playwrightCounts(file: string): Counts {
  const { stats } = JSON.parse(readFileSync(file, 'utf8')) as {
    stats: { expected: number; unexpected: number; skipped: number; flaky: number };
  };
  return { passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped };
}

const [vitestFile = '', playwrightFile = ''] = process.argv.slice(2);
const total: Counts = { passed: 0, failed: 0, skipped: 0 };
let missing = false;
for (const [name, file, read] of [
  ['vitest', vitestFile, vitestCounts],
  ['playwright', playwrightFile, playwrightCounts],
] as const) {
  if (!existsSync(file)) {
    process.stdout.write(`${name}: no report at ${file}\n`);
    missing = true;
    continue;
  }
  const counts = read(file);
  total.passed += counts.passed;
  total.failed += counts.failed;
  total.skipped += counts.skipped;
  process.stdout.write(`${name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`);
}
process.stdout.write(`total: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped\n`);
process.exit(missing || total.failed > 0 ? 1 : 0);
