import { describe, expect, it } from 'vitest';
import type { UnsignedDocument } from '../../common/protocol.js';
import { canonicalJson } from './canonicalJson.js';
import { SignatureError, generateSigningKeyPem, signDocument, signingKeyFromPem, verifyDocument } from './ed25519.js';

const key = signingKeyFromPem(generateSigningKeyPem());
const otherKey = signingKeyFromPem(generateSigningKeyPem());
const now = new Date('2026-11-22T08:00:00+08:00');

function manifest(version: number, extra: Partial<UnsignedDocument> = {}): UnsignedDocument {
  return {
    v: 1,
    kind: 'manifest',
    scope: 'fleet',
    version,
    issuedAt: now.toISOString(),
    body: { items: ['甲', '乙'] },
    ...extra,
  };
}

const expectations = { kind: 'manifest' as const, trustedKeys: [key.publicKey], minVersion: 3, now };

describe('canonicalJson', () => {
  it('encodes the same value the same way whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, '二'], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [1, '二'] }, b: 1 }),
    );
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });

  it('refuses values JSON cannot carry faithfully', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(/non-finite/);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(/function/);
  });
});

describe('signed documents', () => {
  it('accepts a document signed by a trusted key, even after its keys were reordered in transit', () => {
    const signed = signDocument(manifest(3), key);
    const reordered = JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(signed).reverse())));
    expect(verifyDocument(reordered, expectations).body).toEqual({ items: ['甲', '乙'] });
  });

  it('refuses a tampered body, an untrusted key, a wrong kind, an expired document and a replay', () => {
    const signed = signDocument(manifest(4), key);
    const cases: [unknown, RegExp][] = [
      [{ ...signed, body: { items: ['甲', '丙'] } }, /does not match/],
      [{ ...signed, version: 9 }, /does not match/],
      [signDocument(manifest(4), otherKey), /does not trust/],
      [signDocument(manifest(4, { kind: 'config' }), key), /expected a manifest/],
      [signDocument(manifest(4, { expiresAt: '2026-11-22T07:59:59+08:00' }), key), /expired/],
      [signDocument(manifest(2), key), /replay/],
      [{ ...signed, sig: 'x' }, /not a signed document/],
      ['not json at all', /not a signed document/],
    ];
    for (const [document, reason] of cases) {
      expect(() => verifyDocument(document, expectations)).toThrow(SignatureError);
      expect(() => verifyDocument(document, expectations)).toThrow(reason);
    }
  });

  it('trusts either key during a rotation', () => {
    const both = { ...expectations, trustedKeys: [key.publicKey, otherKey.publicKey] };
    expect(verifyDocument(signDocument(manifest(5), otherKey), both).version).toBe(5);
  });
});
