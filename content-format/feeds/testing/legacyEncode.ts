/**
 * Encodes text in a double-byte legacy encoding (GBK, Big5) for tests: TextDecoder exists for
 * these, TextEncoder does not, so the table is built by decoding every lead/trail byte pair.
 */
const tables = new Map<string, Map<string, number[]>>();

function table(encoding: string): Map<string, number[]> {
  let map = tables.get(encoding);
  if (map) return map;
  map = new Map();
  const decoder = new TextDecoder(encoding, { fatal: true });
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      try {
        const char = decoder.decode(new Uint8Array([lead, trail]));
        if ([...char].length === 1 && !map.has(char)) map.set(char, [lead, trail]);
      } catch {
        // Not a character in this encoding.
      }
    }
  }
  tables.set(encoding, map);
  return map;
}

export function encodeLegacy(text: string, encoding: 'gbk' | 'big5'): Uint8Array {
  const map = table(encoding);
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x80) bytes.push(code);
    else {
      const pair = map.get(char);
      if (!pair) throw new Error(`${char} has no ${encoding} encoding`);
      bytes.push(...pair);
    }
  }
  return Uint8Array.from(bytes);
}

export function utf16(text: string, littleEndian: boolean, bom: boolean): Uint8Array {
  const bytes: number[] = bom ? (littleEndian ? [0xff, 0xfe] : [0xfe, 0xff]) : [];
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    bytes.push(...(littleEndian ? [unit & 0xff, unit >> 8] : [unit >> 8, unit & 0xff]));
  }
  return Uint8Array.from(bytes);
}

export function utf32(text: string, littleEndian: boolean, bom: boolean): Uint8Array {
  const points = [...(bom ? '\ufeff' : ''), ...text].map((char) => char.codePointAt(0) ?? 0);
  const view = new DataView(new ArrayBuffer(points.length * 4));
  points.forEach((point, index) => view.setUint32(index * 4, point, littleEndian));
  return new Uint8Array(view.buffer);
}
