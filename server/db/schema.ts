export interface ReleasesTable {
  seq: number;
  version: string;
  created_at: string;
  manifest_json: string;
  etag: string;
}

export interface FleetDatabase {
  releases: ReleasesTable;
}
