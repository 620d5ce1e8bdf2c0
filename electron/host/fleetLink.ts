import os from 'node:os';
import type { Logger } from 'pino';
import type { SyncStatus } from '../../common/bridge/contract.js';
import type { DeviceState } from '../../common/fleetApi.js';
import type { FleetDevice } from '../../content-cache/sync/fleetDevice.js';
import { IdentityError, loadIdentity } from '../../kiosk-config/identity/identityStore.js';
import { StatusReporter } from '../../kiosk-config/reports/statusReporter.js';

export interface FleetLink {
  serverUrl: string | null;
  device: FleetDevice | null;
  /** Posts sync status to the fleet; null when the board is not enrolled. */
  reporter: StatusReporter | null;
}

/**
 * How this board reaches its fleet: the enrollment stored in the data dir (kiosk-config) and the
 * server URL. A URL given on the command line wins over the enrolled one, so a fleet that moved is
 * followed; the pinned key still decides what the board accepts.
 */
export function fleetLink(
  dataDir: string,
  serverUrl: string | null,
  logger: Logger,
  fetchImpl?: typeof fetch,
): FleetLink {
  let identity;
  try {
    identity = loadIdentity(dataDir);
  } catch (error) {
    if (!(error instanceof IdentityError)) throw error;
    logger.error({ err: error.message }, 'device identity unusable; the board runs unenrolled from its cache');
    identity = null;
  }
  const url = serverUrl ?? identity?.serverUrl ?? null;
  if (!identity || !url) return { serverUrl: url, device: null, reporter: null };
  const device = { deviceId: identity.deviceId, token: identity.token, trustedKeys: [identity.serverPublicKey] };
  const target = { serverUrl: url, deviceId: identity.deviceId, token: identity.token };
  return { serverUrl: url, device, reporter: new StatusReporter({ target, logger, fetch: fetchImpl }) };
}

export function deviceState(sync: SyncStatus, appliedVersion: number | null, now = new Date()): DeviceState {
  return { sentAt: now.toISOString(), appliedVersion, uptimeSeconds: os.uptime(), sync };
}
