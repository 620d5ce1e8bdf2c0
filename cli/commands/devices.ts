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

/**
 * Characters a board (or whoever held its enrollment code) could use against the operator's terminal:
 * C0/C1 controls start escape sequences (cursor moves, forged lines, OSC 52 clipboard writes) and bidi
 * controls reorder what is shown. They are printed as `\uXXXX`, which an operator can read and which is
 * also a valid escape inside a JSON string. All of them lie in the BMP, so four hex digits suffice.
 */
const TERMINAL_UNSAFE = /[\p{Cc}\p{Bidi_Control}]/gu;
/** JSON.stringify escapes C0 controls itself, but leaves DEL, C1 controls and bidi controls raw. */
const JSON_UNESCAPED_UNSAFE = /[\u007f-\u009f\p{Bidi_Control}]/gu;

function escapeUnsafe(text: string, unsafe: RegExp): string {
  return text.replace(unsafe, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function syncSummary(device: DeviceListing): string {
  const sync = device.state?.sync;
  if (!sync) return 'no report yet';
  const version = `version ${device.state?.appliedVersion ?? '-'}`;
  return sync.lastError ? `${version}, error: ${sync.lastError}` : `${version}, ok, last success ${sync.lastSuccessAt}`;
}

function formatDevices(devices: DeviceListing[]): string {
  if (devices.length === 0) return 'no boards enrolled\n';
  return devices
    .flatMap((device) => [
      `${device.id}  ${device.name ?? '(no name)'}  ${device.hardwareId}`,
      `  enrolled ${device.enrolledAt}, last seen ${device.lastSeenAt ?? 'never'}`,
      `  sync: ${syncSummary(device)}`,
    ])
    .map((line) => `${escapeUnsafe(line, TERMINAL_UNSAFE)}\n`)
    .join('');
}

/** The listing as JSON that parses back to the same values and carries nothing a terminal acts on. */
function formatDevicesJson(devices: DeviceListing[]): string {
  return `${escapeUnsafe(JSON.stringify(devices, null, 2), JSON_UNESCAPED_UNSAFE)}\n`;
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
    process.stdout.write(values.json ? formatDevicesJson(devices) : formatDevices(devices));
  } finally {
    await db.destroy();
  }
}
