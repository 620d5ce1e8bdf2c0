/**
 * Byte decoders by encoding name. TextDecoder (full ICU in Node 24) covers everything the WHATWG
 * Encoding Standard lists; UTF-32 and strict US-ASCII it does not, so they are done here.
 */

/** Labels feeds use that name one of our decoders under another name. */
const ALIASES: Record<string, string> = {
  utf8: 'utf-8',
  utf_8: 'utf-8',
  u8: 'utf-8',
  utf16: 'utf-16',
  utf_16: 'utf-16',
  u16: 'utf-16',
  utf_16le: 'utf-16le',
  utf_16be: 'utf-16be',
  utf32: 'utf-32',
  utf_32: 'utf-32',
  u32: 'utf-32',
  utf_32le: 'utf-32le',
  utf_32be: 'utf-32be',
  ascii: 'us-ascii',
  'iso646-us': 'us-ascii',
  // GB18030 is a superset of GBK, which is a superset of GB2312: feeds labelled gb2312 routinely
  // carry GBK characters, so one decoder reads them all (feedparser does the same).
  gb2312: 'gb18030',
  gbk: 'gb18030',
  'x-gbk': 'gb18030',
  cp936: 'gb18030',
  'euc-cn': 'gb18030',
  'big5-hkscs': 'big5',
  'cn-big5': 'big5',
  'x-x-big5': 'big5',
  csbig5: 'big5',
  latin1: 'iso-8859-1',
  'latin-1': 'iso-8859-1',
  'iso8859-1': 'iso-8859-1',
  iso_8859_1: 'iso-8859-1',
};

/** The name we decode and report an encoding label under, lower-case; unknown labels pass through. */
export function canonicalEncoding(label: string): string {
  const lower = label.trim().toLowerCase();
  return ALIASES[lower] ?? ALIASES[lower.replace(/-/g, '_')] ?? lower;
}

export class InvalidBytes extends Error {}

function decodeUtf32(bytes: Uint8Array, littleEndian: boolean, fatal: boolean): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const whole = bytes.byteLength - (bytes.byteLength % 4);
  if (whole !== bytes.byteLength && fatal) throw new InvalidBytes('UTF-32 data is not a multiple of 4 bytes');
  const parts: string[] = [];
  let chunk: number[] = [];
  for (let offset = 0; offset < whole; offset += 4) {
    const code = view.getUint32(offset, littleEndian);
    const valid = code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
    if (!valid && fatal) throw new InvalidBytes(`U+${code.toString(16)} is not a Unicode scalar value`);
    chunk.push(valid ? code : 0xfffd);
    // fromCodePoint takes its arguments on the stack: flush in bounded chunks.
    if (chunk.length === 8192) {
      parts.push(String.fromCodePoint(...chunk));
      chunk = [];
    }
  }
  parts.push(String.fromCodePoint(...chunk));
  if (whole !== bytes.byteLength) parts.push('\ufffd');
  return parts.join('');
}

function decodeAscii(bytes: Uint8Array, fatal: boolean): string {
  const high = bytes.findIndex((byte) => byte > 0x7f);
  if (high !== -1 && fatal)
    throw new InvalidBytes(`byte 0x${bytes[high]?.toString(16)} at offset ${high} is not ASCII`);
  // TextDecoder's "us-ascii" label means windows-1252 (WHATWG), so non-ASCII is replaced here.
  const text = new TextDecoder('windows-1252').decode(bytes);
  return high === -1 ? text : text.replace(/[^\x00-\x7f]/g, '\ufffd');
}

/** True when this name can be decoded here. */
export function isSupportedEncoding(name: string): boolean {
  if (name === 'us-ascii' || name.startsWith('utf-32')) return true;
  try {
    new TextDecoder(name);
    return true;
  } catch {
    return false;
  }
}

/**
 * Decodes with a canonical name. Strict (`fatal`) decoding throws InvalidBytes on the first byte
 * sequence the encoding does not define; lenient decoding replaces it with U+FFFD.
 * `utf-16`/`utf-32` without an endianness mean big-endian, as the XML specification says.
 */
export function decodeBytes(bytes: Uint8Array, name: string, fatal: boolean): string {
  switch (name) {
    case 'us-ascii':
      return decodeAscii(bytes, fatal);
    case 'utf-32':
    case 'utf-32be':
      return decodeUtf32(bytes, false, fatal);
    case 'utf-32le':
      return decodeUtf32(bytes, true, fatal);
  }
  const label = name === 'utf-16' ? 'utf-16be' : name;
  try {
    return new TextDecoder(label, { fatal, ignoreBOM: true }).decode(bytes);
  } catch (error) {
    if (error instanceof TypeError) throw new InvalidBytes(`the bytes are not valid ${name}`);
    throw error;
  }
}
