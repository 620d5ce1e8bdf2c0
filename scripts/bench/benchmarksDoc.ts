// Writes one bench's section of docs/benchmarks.md, between its <!-- bench:NAME --> markers
// (appended when absent), formatted as `prettier --check` expects so regenerating never leaves the
// docs failing lint. Bench scripts load this file by a computed URL (see loadBundle.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { format, resolveConfig } from 'prettier';

export async function writeBenchSection(repoRoot: string, name: string, section: string): Promise<void> {
  const docs = path.join(repoRoot, 'docs', 'benchmarks.md');
  const current = readFileSync(docs, 'utf8');
  const pattern = new RegExp(`<!-- bench:${name} -->[\\s\\S]*?<!-- /bench:${name} -->`);
  const next = pattern.test(current) ? current.replace(pattern, section) : `${current.trimEnd()}\n\n${section}\n`;
  writeFileSync(docs, await format(next, { ...(await resolveConfig(docs)), filepath: docs }));
}
