import { existsSync } from 'node:fs';
import path from 'node:path';
import { FLEET_DATABASE_FILE, openFleetDatabase } from '../../server/db/database.js';
import { EnrollmentCodeError, EnrollmentCodeRepository } from '../../server/db/enrollmentCodes.js';
import { CliError, defineCommand, helpText, parseCommandArgs, requireOption } from '../args.js';

export const enrollCodeSpec = defineCommand({
  name: 'enroll-code',
  usage: '--data-dir D [--ttl 24h] [--name NAME]',
  summary: 'Creates a one-time enrollment code for a board and prints `enroll-code: <code>`.',
  options: {
    'data-dir': { type: 'string' },
    ttl: { type: 'string' },
    name: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

export const enrollCodeHelp = helpText(
  enrollCodeSpec,
  `
  --data-dir D   the fleet server's data directory (works while the server runs)
  --ttl T        how long the code stays valid: minutes, hours or days, e.g. 30m, 24h, 7d (default 24h)
  --name NAME    the name the board gets in the fleet unless it sends its own

Give the code to the operator installing the board: \`newsboard kiosk --server URL --enroll-code CODE\`.`,
);

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

function parseTtl(value: string | undefined): number {
  const match = /^(\d{1,4})([mhd])$/.exec(value ?? '24h');
  const amount = Number(match?.[1]);
  if (!match || amount === 0)
    throw new CliError(`newsboard enroll-code: --ttl must be a duration like 30m, 24h or 7d, not ${value}`);
  return amount * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}

export async function enrollCodeCommand(argv: string[]): Promise<void> {
  const { values } = parseCommandArgs(enrollCodeSpec, argv);
  if (values.help) return void process.stdout.write(enrollCodeHelp);
  const dataDir = path.resolve(requireOption(values['data-dir'], 'enroll-code', '--data-dir'));
  const ttlMs = parseTtl(values.ttl);
  // Creating a fleet here would hand out a code no server knows: the data dir must be a fleet's.
  if (!existsSync(path.join(dataDir, FLEET_DATABASE_FILE)))
    throw new CliError(
      `newsboard enroll-code: ${dataDir} holds no fleet database (start \`newsboard fleet\` there first)`,
    );
  const db = await openFleetDatabase(dataDir);
  try {
    const issued = await new EnrollmentCodeRepository(db).issue({ ttlMs, deviceName: values.name });
    process.stdout.write(`enroll-code: ${issued.code}\nexpires: ${issued.expiresAt}\n`);
  } catch (error) {
    if (error instanceof EnrollmentCodeError) throw new CliError(`newsboard enroll-code: ${error.message}`);
    throw error;
  } finally {
    await db.destroy();
  }
}
