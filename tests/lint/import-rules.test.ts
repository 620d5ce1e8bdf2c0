import { ESLint } from 'eslint';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const eslint = new ESLint({ cwd: repoRoot });

/** Lints source text as if it lived at `file`, returning the rule ids that fired. */
async function rulesFiredFor(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: path.join(repoRoot, file) });
  return (result?.messages ?? []).map((message) => message.ruleId ?? `fatal: ${message.message}`);
}

describe('layering rules (docs/architecture.md, Layout)', () => {
  it.each([
    [
      'common/ importing another area',
      'common/x.ts',
      "import { startFleetServer } from '../server/main.js';\nexport const s = startFleetServer;\n",
      'import-x/no-restricted-paths',
    ],
    [
      'common/ importing a Node module',
      'common/x.ts',
      "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n",
      'no-restricted-imports',
    ],
    ['common/ using the DOM', 'common/x.ts', 'export const w = window.location;\n', 'no-restricted-globals'],
    [
      'renderer/ importing the kiosk host',
      'renderer/src/x.ts',
      "import { startKioskHost } from '../../electron/host/kioskHost.js';\nexport const s = startKioskHost;\n",
      'import-x/no-restricted-paths',
    ],
    [
      'renderer/ importing electron',
      'renderer/src/x.ts',
      "import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;\n",
      'no-restricted-imports',
    ],
    [
      'preload importing the host',
      'electron/preload/x.ts',
      "import { startKioskHost } from '../host/kioskHost.js';\nexport const s = startKioskHost;\n",
      'import-x/no-restricted-paths',
    ],
    [
      'the host importing electron',
      'electron/host/x.ts',
      "import { app } from 'electron';\nexport const a = app;\n",
      'no-restricted-imports',
    ],
    [
      'server/ importing the kiosk cache',
      'server/x.ts',
      "import { ContentReader } from '../content-cache/contentReader.js';\nexport const c = ContentReader;\n",
      'import-x/no-restricted-paths',
    ],
    [
      'the kiosk cache importing the server',
      'content-cache/x.ts',
      "import { startFleetServer } from '../server/main.js';\nexport const s = startFleetServer;\n",
      'import-x/no-restricted-paths',
    ],
    [
      'better-sqlite3 outside the data layers',
      'server/api/x.ts',
      "import Database from 'better-sqlite3';\nexport const d = Database;\n",
      'no-restricted-imports',
    ],
  ])('rejects %s', async (_name, file, source, rule) => {
    expect(await rulesFiredFor(file, source)).toContain(rule);
  });

  it.each([
    [
      'renderer/ importing common/',
      'renderer/src/x.ts',
      "import { bridgeChannelNames } from '../../common/bridge/contract.js';\nexport const n = bridgeChannelNames;\n",
    ],
    [
      'server/ importing content-format/',
      'server/x.ts',
      "import { buildPack } from '../content-format/pack/build.js';\nexport const b = buildPack;\n",
    ],
    [
      'content-cache/ importing better-sqlite3',
      'content-cache/x.ts',
      "import Database from 'better-sqlite3';\nexport const d = Database;\n",
    ],
  ])('allows %s', async (_name, file, source) => {
    expect(await rulesFiredFor(file, source)).toEqual([]);
  });
});
