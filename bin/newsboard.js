#!/usr/bin/env node
// The CLI ships built (dist/); this shim gives a clear message in a checkout that was never built.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../dist/cli/newsboard.js', import.meta.url));
if (!existsSync(entry)) {
  process.stderr.write('newsboard: not built yet; run `npm run build` (scripts/demo.sh does it for you)\n');
  process.exit(1);
}
await import(entry);
