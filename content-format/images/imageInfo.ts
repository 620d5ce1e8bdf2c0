/**
 * Type and pixel size read from an image's header, never from what its container claims: a
 * manifest may call an SVG "image/png", and a 100,000 × 100,000 PNG of a few kilobytes is a
 * decompression bomb for whichever screen decodes it.
 */
export interface ImageInfo {
  mediaType: 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp' | 'image/avif';
  width: number;
  height: number;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function ascii(bytes: Uint8Array, start: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(start, start + length));
}

function png(view: DataView, bytes: Uint8Array): ImageInfo | null {
  if (bytes.length < 24 || !PNG_SIGNATURE.every((b, i) => bytes[i] === b) || ascii(bytes, 12, 4) !== 'IHDR')
    return null;
  return { mediaType: 'image/png', width: view.getUint32(16), height: view.getUint32(20) };
}

function gif(view: DataView, bytes: Uint8Array): ImageInfo | null {
  if (bytes.length < 10 || !/^GIF8[79]a$/.test(ascii(bytes, 0, 6))) return null;
  return { mediaType: 'image/gif', width: view.getUint16(6, true), height: view.getUint16(8, true) };
}

/** Start-of-frame markers carry the size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but do not. */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

function jpeg(view: DataView, bytes: Uint8Array): ImageInfo | null {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  let offset = 2;
  while (offset + 9 < bytes.length) {
    if (bytes[offset] !== 0xff) return null;
    const marker = bytes[offset + 1] ?? 0;
    if (marker === 0xff) {
      offset += 1;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return null;
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      offset += 2;
      continue;
    }
    if (isStartOfFrame(marker))
      return { mediaType: 'image/jpeg', height: view.getUint16(offset + 5), width: view.getUint16(offset + 7) };
    offset += 2 + view.getUint16(offset + 2);
  }
  return null;
}

function webp(view: DataView, bytes: Uint8Array): ImageInfo | null {
  if (bytes.length < 30 || ascii(bytes, 0, 4) !== 'RIFF' || ascii(bytes, 8, 4) !== 'WEBP') return null;
  const chunk = ascii(bytes, 12, 4);
  const at = (i: number) => bytes[i] ?? 0;
  if (chunk === 'VP8 ')
    return {
      mediaType: 'image/webp',
      width: view.getUint16(26, true) & 0x3fff,
      height: view.getUint16(28, true) & 0x3fff,
    };
  if (chunk === 'VP8L')
    return {
      mediaType: 'image/webp',
      width: 1 + (at(21) | ((at(22) & 0x3f) << 8)),
      height: 1 + ((at(22) >> 6) | (at(23) << 2) | ((at(24) & 0x0f) << 10)),
    };
  if (chunk === 'VP8X')
    return {
      mediaType: 'image/webp',
      width: 1 + (at(24) | (at(25) << 8) | (at(26) << 16)),
      height: 1 + (at(27) | (at(28) << 8) | (at(29) << 16)),
    };
  return null;
}

interface Box {
  type: string;
  /** Where the box's content starts (after its header) and ends. */
  start: number;
  end: number;
}

/** The ISO-BMFF boxes laid end to end in [start, end); stops at the first one whose size does not fit. */
function* boxesIn(view: DataView, bytes: Uint8Array, start: number, end: number): Generator<Box> {
  let offset = start;
  while (offset + 8 <= end) {
    const size32 = view.getUint32(offset);
    let header = 8;
    let size = size32;
    if (size32 === 1) {
      if (offset + 16 > end) return;
      size = Number(view.getBigUint64(offset + 8));
      header = 16;
    } else if (size32 === 0) {
      size = end - offset;
    }
    if (size < header || offset + size > end) return;
    yield { type: ascii(bytes, offset + 4, 4), start: offset + header, end: offset + size };
    offset += size;
  }
}

function child(view: DataView, bytes: Uint8Array, parent: Box | undefined, type: string, skip = 0): Box | undefined {
  if (!parent) return undefined;
  for (const box of boxesIn(view, bytes, parent.start + skip, parent.end)) if (box.type === type) return box;
  return undefined;
}

const AVIF_BRANDS = new Set(['avif', 'avis']);

/**
 * AVIF (HEIF) keeps sizes in `ispe` properties under meta → iprp → ipco. An image may carry several
 * (the picture, its alpha plane, a thumbnail); the largest is the one a decoder may have to allocate.
 */
function avif(view: DataView, bytes: Uint8Array): ImageInfo | null {
  const file: Box = { type: '', start: 0, end: bytes.length };
  const ftyp = child(view, bytes, file, 'ftyp');
  if (!ftyp || ftyp.start !== 8 || ftyp.end - ftyp.start < 8) return null;
  const brands = [ascii(bytes, ftyp.start, 4)];
  for (let at = ftyp.start + 8; at + 4 <= ftyp.end; at += 4) brands.push(ascii(bytes, at, 4));
  if (!brands.some((brand) => AVIF_BRANDS.has(brand))) return null;
  // meta is a FullBox: four bytes of version and flags come before its children.
  const ipco = child(view, bytes, child(view, bytes, child(view, bytes, file, 'meta'), 'iprp', 4), 'ipco');
  if (!ipco) return null;
  let largest: ImageInfo | null = null;
  for (const box of boxesIn(view, bytes, ipco.start, ipco.end)) {
    if (box.type !== 'ispe' || box.end - box.start < 12) continue;
    const width = view.getUint32(box.start + 4);
    const height = view.getUint32(box.start + 8);
    if (!largest || width * height > largest.width * largest.height)
      largest = { mediaType: 'image/avif', width, height };
  }
  return largest;
}

/** Null when the bytes are not a PNG, JPEG, GIF, WebP or AVIF image with a readable header. */
export function imageInfo(bytes: Uint8Array): ImageInfo | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const info = png(view, bytes) ?? jpeg(view, bytes) ?? gif(view, bytes) ?? webp(view, bytes) ?? avif(view, bytes);
  return info && info.width > 0 && info.height > 0 ? info : null;
}
