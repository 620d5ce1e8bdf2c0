import type { Generated } from 'kysely';

export interface ReleasesTable {
  seq: number;
  version: string;
  created_at: string;
  manifest_json: string;
  etag: string;
  /** The manifest as a signed document (common/protocol.ts); null only for releases from before signing. */
  signed_json: string | null;
}

export interface EnrollmentCodesTable {
  lookup: string;
  code_hash: string;
  device_name: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  used_by: string | null;
}

export interface DevicesTable {
  id: string;
  name: string | null;
  hardware_id: string;
  token_hash: string;
  public_key: string;
  enrolled_at: string;
  last_seen_at: string | null;
}

export interface ReportsTable {
  id: Generated<number>;
  device_id: string;
  idempotency_key: string;
  received_at: string;
  body_json: string;
}

export interface DeviceStateTable {
  device_id: string;
  report_id: number;
  reported_at: string;
  received_at: string;
  body_json: string;
}

export interface FleetDatabase {
  releases: ReleasesTable;
  enrollment_codes: EnrollmentCodesTable;
  devices: DevicesTable;
  reports: ReportsTable;
  device_state: DeviceStateTable;
}
