import type { Kysely } from 'kysely';
import { deviceStateSchema, type DeviceState } from '../../common/fleetApi.js';
import { secretMatches } from '../enrollment/secrets.js';
import type { FleetDatabase } from './schema.js';

export interface DeviceListing {
  id: string;
  name: string | null;
  hardwareId: string;
  enrolledAt: string;
  lastSeenAt: string | null;
  /** The newest report, null until the board has reported; an unreadable stored report counts as none. */
  state: DeviceState | null;
  stateReceivedAt: string | null;
}

/** Seen-times are written at most this often per board, so polling boards do not turn reads into writes. */
const LAST_SEEN_RESOLUTION_MS = 60_000;

function readState(bodyJson: string): DeviceState | null {
  try {
    return deviceStateSchema.safeParse(JSON.parse(bodyJson)).data ?? null;
  } catch {
    // A damaged row must not hide the whole fleet from the listing.
    return null;
  }
}

export class DeviceRepository {
  constructor(private readonly db: Kysely<FleetDatabase>) {}

  /** The device whose token this is, or null. Seeing a device with a valid token refreshes its last-seen time. */
  async authenticate(deviceId: string, token: string, now = new Date()): Promise<{ id: string } | null> {
    const row = await this.db
      .selectFrom('devices')
      .select(['id', 'token_hash', 'last_seen_at'])
      .where('id', '=', deviceId)
      .executeTakeFirst();
    if (!row || !secretMatches(token, row.token_hash)) return null;
    if (!row.last_seen_at || now.getTime() - Date.parse(row.last_seen_at) >= LAST_SEEN_RESOLUTION_MS) {
      await this.db.updateTable('devices').set({ last_seen_at: now.toISOString() }).where('id', '=', row.id).execute();
    }
    return { id: row.id };
  }

  async list(): Promise<DeviceListing[]> {
    const rows = await this.db
      .selectFrom('devices')
      .leftJoin('device_state', 'device_state.device_id', 'devices.id')
      .select([
        'devices.id',
        'devices.name',
        'devices.hardware_id',
        'devices.enrolled_at',
        'devices.last_seen_at',
        'device_state.body_json',
        'device_state.received_at',
      ])
      .orderBy('devices.enrolled_at')
      .orderBy('devices.id')
      .execute();
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      hardwareId: row.hardware_id,
      enrolledAt: row.enrolled_at,
      lastSeenAt: row.last_seen_at,
      state: row.body_json === null ? null : readState(row.body_json),
      stateReceivedAt: row.received_at,
    }));
  }
}
