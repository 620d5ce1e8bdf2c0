import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../hash.js';
import { BlobIntegrityError, BlobStore } from './fsBlobStore.js';

let dir: string;
let store: BlobStore;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'nb-blobs-'));
  store = new BlobStore(dir);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const bytes = Buffer.from('{"paragraphs":["今天晴。"]}');
const hex = sha256Hex(bytes);

describe('BlobStore', () => {
  it('stores a blob under blobs/sha256/ab/cdef… and reads it back', () => {
    store.put(hex, bytes);
    expect(store.pathOf(hex)).toBe(path.join(dir, 'blobs', 'sha256', hex.slice(0, 2), hex.slice(2)));
    expect(readFileSync(store.pathOf(hex)).equals(bytes)).toBe(true);
    expect(store.has(hex)).toBe(true);
    expect(store.get(hex).equals(bytes)).toBe(true);
    expect(readdirSync(path.dirname(store.pathOf(hex)))).toEqual([hex.slice(2)]);
  });

  it('refuses bytes that do not hash to the name and writes nothing', () => {
    expect(() => store.put(hex, Buffer.from('tampered'))).toThrow(BlobIntegrityError);
    expect(store.has(hex)).toBe(false);
    expect(existsSync(path.join(dir, 'blobs'))).toBe(false);
  });

  it('reports a blob damaged on disk instead of returning its bytes', () => {
    store.put(hex, bytes);
    writeFileSync(store.pathOf(hex), Buffer.alloc(bytes.length));
    expect(() => store.get(hex)).toThrow(/damaged/);
  });

  it('refuses names that are not sha256 hex, so no caller can reach a path outside the store', () => {
    for (const name of ['../../etc/passwd', hex.toUpperCase(), `${hex}/..`, '', hex.slice(1)]) {
      expect(() => store.pathOf(name), name).toThrow(BlobIntegrityError);
    }
  });

  it('removes a blob, and removing a missing one is not an error', () => {
    store.put(hex, bytes);
    store.remove(hex);
    expect(store.has(hex)).toBe(false);
    expect(() => store.remove(hex)).not.toThrow();
  });
});
