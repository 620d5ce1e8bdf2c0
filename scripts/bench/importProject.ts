// Loads project TypeScript into a bench script: Node's type stripping cannot follow our `.js`
// import specifiers, so the module is bundled with esbuild in memory and imported from a data: URL.
// Bench scripts load this file by a computed URL (`new URL('./importProject.ts', import.meta.url)`)
// because tsc accepts no `.ts` import specifiers in this project.
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export async function importProject<T>(entry: string): Promise<T> {
  const { outputFiles } = await build({
    entryPoints: [path.join(repoRoot, entry)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    write: false,
    logLevel: 'warning',
    // CommonJS dependencies inside the bundle still call require() for Node built-ins.
    banner: {
      js: `import { createRequire } from 'node:module'; const require = createRequire(${JSON.stringify(`${repoRoot}/`)});`,
    },
  });
  const code = outputFiles[0]?.text ?? '';
  return (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as T;
}
