/** What a board needs to talk to its fleet: its enrollment (kiosk-config) reduced to what sync uses. */
export interface FleetDevice {
  deviceId: string;
  /** Bearer token for every device call. */
  token: string;
  /** Server keys pinned at enrollment; more than one during a key rotation. */
  trustedKeys: readonly string[];
}

export const NOT_ENROLLED = 'not enrolled: start the kiosk once with --enroll-code from the fleet operator';
