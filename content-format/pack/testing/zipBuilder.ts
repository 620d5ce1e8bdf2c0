import { writeFile } from 'node:fs/promises';
import yazl from 'yazl';
import type { BuiltPack } from '../build.js';

export interface ZipEntrySpec {
  name: string;
  bytes: Buffer;
  /** Unix mode including the file type bits, e.g. 0o120777 for a symbolic link. */
  mode?: number;
  compress?: boolean;
}

/** The entries of a well-formed pack zip, optionally inside one top-level folder. */
export function packEntries(pack: BuiltPack, folder = ''): ZipEntrySpec[] {
  return [
    { name: `${folder}pack.json`, bytes: Buffer.from(JSON.stringify(pack.manifest)) },
    ...[...pack.blobs].map(([sha256, bytes]) => ({ name: `${folder}blobs/sha256/${sha256}`, bytes })),
  ];
}

/**
 * Writes a zip with yazl. yazl refuses unsafe names itself, so hostile names are written as
 * placeholders of the same length and patched in the finished bytes (`renames`), where the local
 * headers and the central directory both hold them.
 */
export async function writeZip(
  file: string,
  entries: readonly ZipEntrySpec[],
  renames: Readonly<Record<string, string>> = {},
): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const entry of entries) {
    zip.addBuffer(entry.bytes, entry.name, {
      compress: entry.compress ?? true,
      ...(entry.mode ? { mode: entry.mode } : {}),
    });
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  let bytes = Buffer.concat(chunks);
  for (const [placeholder, hostile] of Object.entries(renames)) {
    if (Buffer.byteLength(placeholder) !== Buffer.byteLength(hostile))
      throw new Error(`rename ${placeholder} → ${hostile} must keep the byte length`);
    bytes = Buffer.from(bytes.toString('latin1').replaceAll(placeholder, hostile), 'latin1');
  }
  await writeFile(file, bytes);
  return bytes;
}

/** Overwrites the uncompressed size an entry declares, in its local header and central directory record. */
export function lieAboutSize(zip: Buffer, name: string, declared: number): Buffer {
  const patched = Buffer.from(zip);
  const nameBytes = Buffer.from(name);
  for (let offset = 0; offset + 46 < patched.length; offset += 1) {
    const signature = patched.readUInt32LE(offset);
    if (signature === 0x04034b50 && patched.subarray(offset + 30, offset + 30 + nameBytes.length).equals(nameBytes)) {
      patched.writeUInt32LE(declared, offset + 22);
    }
    if (signature === 0x02014b50 && patched.subarray(offset + 46, offset + 46 + nameBytes.length).equals(nameBytes)) {
      patched.writeUInt32LE(declared, offset + 24);
    }
  }
  return patched;
}
