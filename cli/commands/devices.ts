import { existsSync } from 'node:fs';
import path from 'node:path';
import { FLEET_DATABASE_FILE, openFleetDatabase } from '../../server/db/database.js';
import { DeviceRepository, type DeviceListing } from '../../server/db/devices.js';
import { CliError, defineCommand, helpText, parseCommandArgs, requireOption } from '../args.js';

export const devicesSpec = defineCommand({
  name: 'devices',
  usage: '--data-dir D [--json]',
  summary: "Lists the fleet's enrolled boards with their last reported sync status.",
  options: {
    'data-dir': { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
});

export const devicesHelp = helpText(
  devicesSpec,
  `
  --data-dir D   the fleet server's data directory (works while the server runs)
  --json         one JSON array instead of a table`,
);

function syncSummary(device: DeviceListing): string {
  const sync = device.state?.sync;
  if (!sync) return 'no report yet';
  const version = `version ${device.state?.appliedVersion ?? '-'}`;
  return sync.lastError ? `${version}, error: ${sync.lastError}` : `${version}, ok, last success ${sync.lastSuccessAt}`;
}

export function formatDevices(devices: DeviceListing[]): string {
  if (devices.length === 0) return 'no boards enrolled\n';
  return devices
    .map((device) =>
      [
        `${device.id}  ${device.name ?? '(no name)'}  ${device.hardwareId}`,
        `  enrolled ${device.enrolledAt}, last seen ${device.lastSeenAt ?? 'never'}`,
        `  sync: ${syncSummary(device)}`,
      ].join('\n'),
    )
    .join('\n')
    .concat('\n');
}

export async function devicesCommand(argv: string[]): Promise<void> {
  const { values } = parseCommandArgs(devicesSpec, argv);
  if (values.help) return void process.stdout.write(devicesHelp);
  const dataDir = path.resolve(requireOption(values['data-dir'], 'devices', '--data-dir'));
  if (!existsSync(path.join(dataDir, FLEET_DATABASE_FILE)))
    throw new CliError(`newsboard devices: ${dataDir} holds no fleet database`);
  const db = await openFleetDatabase(dataDir);
  try {
    const devices = await new DeviceRepository(db).list();
    process.stdout.write(values.json ? `${JSON.stringify(devices, null, 2)}\n` : formatDevices(devices));
  } finally {
    await db.destroy();
  }
}
