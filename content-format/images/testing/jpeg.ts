/** A JPEG header with an APP0, a Huffman table (a start-of-frame look-alike to skip) and its SOF0. */
export function makeJpeg(width: number, height: number): Buffer {
  const app0 = [0xff, 0xe0, 0x00, 0x10, ...Buffer.from('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0];
  const sof0 = [0xff, 0xc0, 0x00, 0x11, 8, height >> 8, height & 0xff, width >> 8, width & 0xff, 3];
  return Buffer.from([0xff, 0xd8, ...app0, 0xff, 0xc4, 0x00, 0x04, 0, 0, ...sof0, ...Array(9).fill(1), 0xff, 0xd9]);
}
