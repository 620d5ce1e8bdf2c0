import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { z } from 'zod';
import { signedDocumentSchema, type SignedDocument, type UnsignedDocument } from '../../common/protocol.js';
import { canonicalJson } from './canonicalJson.js';

/** A public key as boards pin it: the raw 32 bytes, base64url (the `x` of its JWK). */
export type PublicKeyText = string;

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: PublicKeyText;
  keyId: string;
}

export function keyIdOf(publicKey: PublicKeyText): string {
  return createHash('sha256').update(Buffer.from(publicKey, 'base64url')).digest('hex').slice(0, 16);
}

function publicKeyObject(publicKey: PublicKeyText): KeyObject {
  if (!/^[A-Za-z0-9_-]{43}$/.test(publicKey))
    throw new SignatureError('not an Ed25519 public key (43 base64url characters)');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: publicKey }, format: 'jwk' });
}

export function signingKeyFromPem(pem: string): SigningKey {
  const privateKey = createPrivateKey(pem);
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
  if (jwk.crv !== 'Ed25519' || !jwk.x) throw new SignatureError('the signing key is not an Ed25519 key');
  return { privateKey, publicKey: jwk.x, keyId: keyIdOf(jwk.x) };
}

export function generateSigningKeyPem(): string {
  return generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
}

export class SignatureError extends Error {
  override name = 'SignatureError';
}

/** A well-signed document older than the one applied: a replay, or a rollback by the server. */
export class ReplayError extends SignatureError {
  override name = 'ReplayError';
  constructor(
    readonly version: number,
    readonly minVersion: number,
  ) {
    super(`version ${version} is older than the applied ${minVersion} (replay)`);
  }
}

/** Signs a JSON value (its canonical form): how a board proves it holds the key it presents. */
export function signValue(value: unknown, key: SigningKey): string {
  return sign(null, Buffer.from(canonicalJson(value), 'utf8'), key.privateKey).toString('base64url');
}

/** Whether `sig` is `publicKey`'s signature over the canonical form of `value`; malformed input is false. */
export function verifyValue(value: unknown, publicKey: PublicKeyText, sig: string): boolean {
  try {
    return verify(
      null,
      Buffer.from(canonicalJson(value), 'utf8'),
      publicKeyObject(publicKey),
      Buffer.from(sig, 'base64url'),
    );
  } catch {
    return false;
  }
}

export function signDocument(document: UnsignedDocument, key: SigningKey): SignedDocument {
  const withKey = { ...document, keyId: key.keyId };
  const sig = sign(null, Buffer.from(canonicalJson(withKey), 'utf8'), key.privateKey).toString('base64url');
  return { ...withKey, sig };
}

export interface VerifyExpectations {
  kind: SignedDocument['kind'];
  /** Pinned server keys; more than one during a key rotation. */
  trustedKeys: readonly PublicKeyText[];
  /** The version this board last applied; an older document is a replay. */
  minVersion: number;
  now: Date;
}

/**
 * Checks a document from the network: shape, a trusted key, the signature, kind, expiry and
 * replay. Returns the document or throws a SignatureError naming what failed.
 */
export function verifyDocument(raw: unknown, expect: VerifyExpectations): SignedDocument {
  const parsed = signedDocumentSchema.safeParse(raw);
  if (!parsed.success) throw new SignatureError(`not a signed document: ${z.prettifyError(parsed.error)}`);
  const document = parsed.data;
  const key = expect.trustedKeys.find((candidate) => keyIdOf(candidate) === document.keyId);
  if (!key) throw new SignatureError(`signed by key ${document.keyId}, which this board does not trust`);
  const { sig, ...signed } = document;
  if (!verify(null, Buffer.from(canonicalJson(signed), 'utf8'), publicKeyObject(key), Buffer.from(sig, 'base64url'))) {
    throw new SignatureError('the signature does not match the document (tampered or wrong key)');
  }
  if (document.kind !== expect.kind)
    throw new SignatureError(`expected a ${expect.kind} document, got ${document.kind}`);
  if (document.expiresAt && Date.parse(document.expiresAt) <= expect.now.getTime()) {
    throw new SignatureError(`the document expired at ${document.expiresAt}`);
  }
  if (document.version < expect.minVersion) throw new ReplayError(document.version, expect.minVersion);
  return document;
}
