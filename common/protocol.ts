import { z } from 'zod';

/**
 * Fleet protocol v1 documents (docs/architecture.md, "Signed documents"). Every document the
 * server hands a board is wrapped like this and signed with the server's Ed25519 key; the
 * signature covers the canonical JSON of everything but `sig`.
 */
export const signedDocumentSchema = z.object({
  v: z.literal(1),
  kind: z.enum(['manifest', 'config']),
  /** Who the document is for: `fleet`, `group:<id>` or `device:<id>`. */
  scope: z.string().min(1).max(200),
  /** Strictly increasing per kind and scope: a board refuses anything older than what it applied (replay). */
  version: z.number().int().nonnegative(),
  issuedAt: z.string().datetime({ offset: true }),
  expiresAt: z.string().datetime({ offset: true }).optional(),
  /** Which server key signed it: the first 16 hex digits of sha256 over the raw public key. */
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  body: z.unknown(),
  /** Ed25519 signature, base64url. */
  sig: z.string().regex(/^[A-Za-z0-9_-]{86}$/),
});
export type SignedDocument = z.infer<typeof signedDocumentSchema>;
export type UnsignedDocument = Omit<SignedDocument, 'sig' | 'keyId'>;
