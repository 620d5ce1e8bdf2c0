import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PackError, readPackDir } from '../../content-format/pack/directory.js';
import { EnrollmentCodeError } from '../../server/db/enrollmentCodes.js';
import { startFleetServer } from '../../server/main.js';
import { CliError, helpText, parseCommandArgs, requireOption, defineCommand } from '../args.js';
import { closeOnSignal } from '../lifecycle.js';
import { createLogger } from '../logger.js';

export const fleetSpec = defineCommand({
  name: 'fleet',
  usage: '--data-dir D [--port P] [--publish PACK_DIR] [--enroll-code CODE]',
  summary: 'Starts the fleet server and prints a line `fleet: <url>`.',
  options: {
    'data-dir': { type: 'string' },
    port: { type: 'string' },
    publish: { type: 'string' },
    'enroll-code': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

export const fleetHelp = helpText(
  fleetSpec,
  `
  --data-dir D   where the fleet database and blobs live (created if missing)
  --port P       TCP port on 127.0.0.1 (default: any free port)
  --publish DIR  publish a content pack directory (pack.json + blobs/) before serving
  --enroll-code CODE
                 create this one-time enrollment code (ABCD-EFGH-JKMN-PQRS, valid 30 days) before serving;
                 \`newsboard enroll-code\` makes random ones while the server runs`,
);

export function parsePort(value: string | undefined, command: string): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new CliError(`newsboard ${command}: --port must be 0–65535`);
  return port;
}

export async function fleetCommand(argv: string[]): Promise<void> {
  const { values } = parseCommandArgs(fleetSpec, argv);
  if (values.help) return void process.stdout.write(fleetHelp);
  const dataDir = path.resolve(requireOption(values['data-dir'], 'fleet', '--data-dir'));
  mkdirSync(dataDir, { recursive: true });
  let initialPack;
  try {
    initialPack = values.publish ? await readPackDir(path.resolve(values.publish)) : undefined;
  } catch (error) {
    if (error instanceof PackError) throw new CliError(`newsboard fleet: ${error.message}`);
    throw error;
  }
  let server;
  try {
    server = await startFleetServer({
      dataDir,
      port: parsePort(values.port, 'fleet'),
      logger: createLogger(),
      initialPack,
      enrollCode: values['enroll-code'],
    });
  } catch (error) {
    if (error instanceof EnrollmentCodeError) throw new CliError(`newsboard fleet: ${error.message}`);
    throw error;
  }
  process.stdout.write(`fleet: ${server.url}\n`);
  closeOnSignal([server.close]);
}
