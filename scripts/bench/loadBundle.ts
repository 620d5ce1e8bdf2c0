// Bundles a bench's project entry with esbuild into node_modules/.cache, where its package imports
// (better-sqlite3's native addon among them) resolve as usual, and imports it. Node's type stripping
// cannot follow our `.js` import specifiers. Bench scripts load this file by a computed URL because
// tsc accepts no `.ts` import specifiers in this project.
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export async function loadBundle<T>(entry: string): Promise<T> {
  const outfile = path.join(
    repoRoot,
    'node_modules',
    '.cache',
    'newsboard-bench',
    `${path.basename(entry, '.ts')}.mjs`,
  );
  await build({
    entryPoints: [path.join(repoRoot, entry)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    packages: 'external',
    outfile,
    logLevel: 'warning',
  });
  return (await import(pathToFileURL(outfile).href)) as T;
}
