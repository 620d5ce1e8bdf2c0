// Builds everything that runs outside vitest: the CLI and host (ESM), Electron main and preload
// (CommonJS, as Electron's sandboxed preload requires), and the renderer (Vite).
import { build as esbuild, type BuildOptions } from 'esbuild';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as viteBuild } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const only = process.argv[2];

const nodeDefaults: BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node24',
  sourcemap: 'linked',
  logLevel: 'warning',
  absWorkingDir: root,
};

async function buildNode(): Promise<void> {
  await Promise.all([
    esbuild({
      ...nodeDefaults,
      entryPoints: ['cli/main.ts'],
      outfile: 'dist/cli/newsboard.js',
      format: 'esm',
      packages: 'external',
    }),
    esbuild({
      ...nodeDefaults,
      entryPoints: ['electron/host/utilityEntry.ts'],
      outfile: 'dist/host/host.js',
      format: 'esm',
      packages: 'external',
    }),
    esbuild({
      ...nodeDefaults,
      entryPoints: ['electron/main/main.ts'],
      outfile: 'dist/electron/main.cjs',
      format: 'cjs',
      packages: 'external',
    }),
    // The sandboxed preload can require only `electron`: everything else is bundled in.
    esbuild({
      ...nodeDefaults,
      entryPoints: ['electron/preload/preload.ts'],
      outfile: 'dist/electron/preload.cjs',
      format: 'cjs',
      external: ['electron'],
    }),
  ]);
}

async function buildRenderer(): Promise<void> {
  await viteBuild({ configFile: path.join(root, 'renderer', 'vite.config.ts'), logLevel: 'warn' });
}

if (!only) rmSync(dist, { recursive: true, force: true });
if (!only || only === 'node') await buildNode();
if (!only || only === 'renderer') await buildRenderer();
process.stdout.write(`build: ${only ?? 'all'} → ${path.relative(root, dist)}/\n`);
