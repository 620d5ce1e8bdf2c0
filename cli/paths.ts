import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The CLI runs as dist/cli/newsboard.js; everything it ships with sits beside it in dist/. */
const distDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const repoRoot = path.resolve(distDir, '..');
export const rendererDir = path.join(distDir, 'renderer');
export const electronMainPath = path.join(distDir, 'electron', 'main.cjs');

/** ../shared beside the checkout (seed texts, corpora); absent in a user's clone. */
export function sharedDir(): string | undefined {
  const candidate = process.env.NEWSBOARD_SHARED_DIR ?? path.resolve(repoRoot, '..', 'shared');
  return existsSync(candidate) ? candidate : undefined;
}

export function appVersion(): string {
  const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
  return manifest.version;
}
