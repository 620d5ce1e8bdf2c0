import { deflateSync } from 'node:zlib';
import { pngChunk as chunk } from '../../../content-format/epub/test-support.js';

type Rgb = [number, number, number];

/** What colour the scene has at (x, y), from 0..1 coordinates. */
function sceneAt(x: number, y: number): Rgb {
  // A reading corner by a window: wall, a window with sky, three shelves of books, a long table.
  const inWindow = x > 0.08 && x < 0.42 && y > 0.1 && y < 0.55;
  if (inWindow) return [150 + 80 * y, 190 + 50 * y, 235];
  const shelfRow = [0.18, 0.34, 0.5].find((top) => y > top && y < top + 0.12);
  if (x > 0.55 && x < 0.92 && shelfRow !== undefined) {
    const book = Math.floor((x - 0.55) / 0.025);
    const palette: Rgb[] = [
      [178, 34, 34],
      [46, 94, 140],
      [214, 170, 60],
      [60, 120, 80],
      [120, 80, 140],
    ];
    return palette[(book + Math.round(shelfRow * 10)) % palette.length] as Rgb;
  }
  if (y > 0.7 && y < 0.76 && x > 0.05 && x < 0.95) return [139, 94, 60];
  if (y > 0.76) return [200, 180, 150];
  return [245, 236, 220];
}

/** A small illustration as a real PNG (RGB, 8 bits), drawn here so the repository carries no photo. */
export function readingCornerPng(width = 960, height = 540): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const stride = width * 3 + 1;
  const rows = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) rows.set(sceneAt(x / width, y / height), y * stride + 1 + x * 3);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
