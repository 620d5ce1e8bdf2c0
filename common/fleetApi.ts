import { z } from 'zod';
import { syncStatusSchema } from './bridge/contract.js';

/** A raw Ed25519 public key, base64url (the `x` of its JWK). */
export const ed25519PublicKeySchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'an Ed25519 public key (43 base64url)');

/**
 * Enrollment codes are typed by an operator on a touchscreen: four groups of four from an alphabet
 * without 0/O, 1/I/L. The first group is a public lookup id, the other twelve characters (60 bits)
 * are the secret, compared as a hash.
 */
export const ENROLLMENT_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const enrollmentCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-HJKMNP-Z2-9]{4}(-[A-HJKMNP-Z2-9]{4}){3}$/, 'an enrollment code looks like ABCD-EFGH-JKMN-PQRS');

export const deviceIdSchema = z.uuid();

/**
 * Text anyone holding an enrollment code chooses and an operator later reads in a terminal: a
 * control character there could move the cursor, forge lines or write the clipboard (OSC 52).
 */
const operatorLabelSchema = z
  .string()
  .min(1)
  .max(200)
  .refine((text) => !/\p{Cc}/u.test(text), 'must not contain control characters');

/** `POST /api/v1/enroll` (DESIGN.md §4). */
export const enrollRequestSchema = z.object({
  code: enrollmentCodeSchema,
  hardwareId: operatorLabelSchema,
  name: operatorLabelSchema.optional(),
  publicKey: ed25519PublicKeySchema,
  /**
   * The board's signature over `enrollmentProofOf(request)` with the key it presents: a public key
   * is no secret, so only this shows the sender holds the private half. Required to redeem a used
   * code again (a lost answer); checked whenever sent.
   */
  proof: z
    .string()
    .regex(/^[A-Za-z0-9_-]{86}$/)
    .optional(),
});
export type EnrollRequest = z.infer<typeof enrollRequestSchema>;

/** What a board signs when it enrolls: the code and the key, bound together. */
export function enrollmentProofOf(request: Pick<EnrollRequest, 'code' | 'publicKey'>): unknown {
  return { purpose: 'newsboard-enroll', code: request.code.toUpperCase(), publicKey: request.publicKey };
}

export const enrollResponseSchema = z.object({
  deviceId: deviceIdSchema,
  /** Bearer token for every device call; the server keeps only its hash. */
  token: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  /** MQTT broker for push; null while the fleet runs without one. */
  brokerUrl: z.string().nullable(),
  serverPublicKey: ed25519PublicKeySchema,
});
export type EnrollResponse = z.infer<typeof enrollResponseSchema>;

/**
 * Prose a board reports (error messages) is cut rather than refused: a report with a shortened
 * message still tells the operator how the board is, a refused one would hide the board.
 */
const reportedProse = (max: number) =>
  // Cut by code point, so a cut never leaves half of a surrogate pair.
  z.string().transform((text) => (text.length <= max ? text : Array.from(text).slice(0, max).join('')));

/** The board's sync status as the fleet stores it: every string bounded, since each row is kept and listed. */
const reportedSyncSchema = syncStatusSchema.extend({
  serverUrl: z.string().max(2048).nullable(),
  contentVersion: z.string().max(200).nullable(),
  lastAttemptAt: z.string().max(64).nullable(),
  lastSuccessAt: z.string().max(64).nullable(),
  lastError: reportedProse(2000).nullable(),
  pendingReason: reportedProse(500).nullable().optional(),
  nextAttemptAt: z.string().max(64).nullable().optional(),
});

/** What a board reports about itself; `appliedVersion` is the manifest version (release sequence) it shows. */
export const deviceStateSchema = z.object({
  sentAt: z.iso.datetime({ offset: true }),
  appliedVersion: z.number().int().nonnegative().nullable(),
  uptimeSeconds: z.number().nonnegative(),
  sync: reportedSyncSchema,
});
export type DeviceState = z.infer<typeof deviceStateSchema>;

/**
 * `POST /api/v1/devices/:id/reports`. The idempotency key makes a retry harmless: the server stores
 * a key once and answers a repeat with 200 without storing anything.
 */
export const deviceReportSchema = z.object({
  idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
  state: deviceStateSchema,
});
export type DeviceReport = z.infer<typeof deviceReportSchema>;

/** Every fleet API error body. */
export const fleetErrorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
