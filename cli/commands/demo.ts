import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildDemoPack } from '../demoPack.js';
import { demoArticles } from '../../content-format/seeds/index.js';
import { startFleetServer } from '../../server/main.js';
import { helpText, parseCommandArgs, defineCommand } from '../args.js';
import { closeOnSignal } from '../lifecycle.js';
import { createLogger } from '../logger.js';
import { sharedDir } from '../paths.js';
import { enrollOnStart } from '../enrollOnStart.js';
import { runKiosk } from '../runKiosk.js';
import { parsePort } from './fleet.js';
import { parseShell } from './kiosk.js';

export const demoSpec = defineCommand({
  name: 'demo',
  usage: '[--data-dir D] [--shell electron|chromium|none] [--port P]',
  summary: 'Starts a fleet server publishing the demo content and a kiosk enrolled with it and syncing from it.',
  options: {
    'data-dir': { type: 'string' },
    shell: { type: 'string' },
    port: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

export const demoHelp = helpText(
  demoSpec,
  `
  --data-dir D   holds fleet/ and kiosk/ (default: ${path.join(os.tmpdir(), 'newsboard-demo')})
  --shell S      as for \`newsboard kiosk\`
  --port P       fleet server port (default: any free port)

The demo content comes from ../shared/seeds when it is beside the checkout, else from a small
built-in set.`,
);

const DEMO_CODE_TTL_MS = 10 * 60_000;

export async function demoCommand(argv: string[]): Promise<void> {
  const { values } = parseCommandArgs(demoSpec, argv);
  if (values.help) return void process.stdout.write(demoHelp);
  const dataDir = path.resolve(values['data-dir'] ?? path.join(os.tmpdir(), 'newsboard-demo'));
  const fleetDir = path.join(dataDir, 'fleet');
  const kioskDir = path.join(dataDir, 'kiosk');
  mkdirSync(fleetDir, { recursive: true });
  mkdirSync(kioskDir, { recursive: true });
  const logger = createLogger('warn');
  const { articles, origin } = demoArticles(sharedDir());
  logger.info({ articles: articles.length, origin }, 'demo content');
  const fleet = await startFleetServer({
    dataDir: fleetDir,
    port: parsePort(values.port, 'demo'),
    logger,
    initialPack: buildDemoPack(articles),
  });
  process.stdout.write(`fleet: ${fleet.url}\n`);
  // A demo board enrolls itself as an operator would; a second run reuses its enrollment.
  const { code } = await fleet.issueEnrollmentCode({ ttlMs: DEMO_CODE_TTL_MS, deviceName: 'demo board' });
  await enrollOnStart({ command: 'demo', dataDir: kioskDir, serverUrl: fleet.url, code, logger });
  const kiosk = await runKiosk({ dataDir: kioskDir, serverUrl: fleet.url, shell: parseShell(values.shell), logger });
  closeOnSignal([kiosk.close, fleet.close]);
}
