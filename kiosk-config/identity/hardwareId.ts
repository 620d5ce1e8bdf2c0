import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../../content-format/atomicFile.js';

const FALLBACK_FILE = 'hardware-id';
const MACHINE_ID = /^[0-9a-f]{32}$/;

/**
 * Names the machine to the fleet: systemd's machine id when the OS has one, else a random id kept in
 * the data dir, so the same board reports the same id across restarts either way.
 */
export function hardwareId(dataDir: string, machineIdFile = '/etc/machine-id'): string {
  try {
    const machineId = readFileSync(machineIdFile, 'utf8').trim();
    if (MACHINE_ID.test(machineId)) return `machine-id:${machineId}`;
  } catch {
    // No machine id on this OS (or not readable): fall back to one of our own.
  }
  const file = path.join(dataDir, FALLBACK_FILE);
  if (existsSync(file)) {
    const stored = readFileSync(file, 'utf8').trim();
    if (stored) return stored;
  }
  const generated = `random:${randomUUID()}`;
  writeFileAtomic(file, `${generated}\n`, 0o644);
  return generated;
}
