import path from 'node:path';
import type { ShellName } from '../../electron/host/shells.js';
import { CliError, helpText, parseCommandArgs, requireOption, defineCommand } from '../args.js';
import { closeOnSignal } from '../lifecycle.js';
import { createLogger } from '../logger.js';
import { enrollOnStart } from '../enrollOnStart.js';
import { runKiosk } from '../runKiosk.js';

export const kioskSpec = defineCommand({
  name: 'kiosk',
  usage: '--data-dir D [--shell electron|chromium|none] [--server URL [--enroll-code CODE [--name NAME]]]',
  summary: 'Starts a kiosk host showing the cached content, syncing from a fleet server when given one.',
  options: {
    'data-dir': { type: 'string' },
    shell: { type: 'string' },
    server: { type: 'string' },
    'enroll-code': { type: 'string' },
    name: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

export const kioskHelp = helpText(
  kioskSpec,
  `
  --data-dir D    the board's data directory; it must exist (a missing one usually means an unmounted disk)
  --shell S       electron (default where its binary is installed), chromium (system Chromium in kiosk mode),
                  or none (headless: prints \`renderer: <url>\` for any browser on this machine)
  --server URL    fleet server to sync from; without it (and without an enrollment) the board runs standalone
  --enroll-code CODE
                  enroll with the fleet server on first start (\`newsboard enroll-code\` on the server makes one);
                  the enrollment is kept in the data dir and later starts need neither the code nor --server
  --name NAME     the board's name in the fleet (default: the name given with the code)`,
);

export function parseShell(value: string | undefined): ShellName | undefined {
  if (value === undefined) return undefined;
  if (value === 'electron' || value === 'chromium' || value === 'none') return value;
  throw new CliError(`newsboard: --shell must be electron, chromium or none, not ${value}`);
}

export function parseServerUrl(value: string | undefined): string | null {
  if (value === undefined) return null;
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http(s)');
    return url.origin;
  } catch {
    throw new CliError(`newsboard: --server must be an http(s) URL, not ${value}`);
  }
}

export async function kioskCommand(argv: string[]): Promise<void> {
  const { values } = parseCommandArgs(kioskSpec, argv);
  if (values.help) return void process.stdout.write(kioskHelp);
  const dataDir = path.resolve(requireOption(values['data-dir'], 'kiosk', '--data-dir'));
  const serverUrl = parseServerUrl(values.server);
  const shell = parseShell(values.shell);
  const logger = createLogger();
  const code = values['enroll-code'] ?? null;
  await enrollOnStart({ command: 'kiosk', dataDir, serverUrl, code, name: values.name, logger });
  const kiosk = await runKiosk({ dataDir, serverUrl, shell, logger });
  closeOnSignal([kiosk.close]);
}
