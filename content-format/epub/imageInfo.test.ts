import { describe, expect, it } from 'vitest';
import { imageInfo } from './imageInfo.js';
import { makePng } from './test-support.js';

function jpeg(width: number, height: number): Buffer {
  const app0 = [0xff, 0xe0, 0x00, 0x10, ...Buffer.from('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0];
  const sof0 = [0xff, 0xc0, 0x00, 0x11, 8, height >> 8, height & 0xff, width >> 8, width & 0xff, 3];
  return Buffer.from([0xff, 0xd8, ...app0, 0xff, 0xc4, 0x00, 0x04, 0, 0, ...sof0, ...Array(9).fill(1), 0xff, 0xd9]);
}

function webp(chunk: string, payload: number[]): Buffer {
  const body = Buffer.from([...Buffer.from(`WEBP${chunk}`), 0, 0, 0, 0, ...payload]);
  return Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), body]);
}

describe('imageInfo', () => {
  it('reads type and size from PNG, JPEG, GIF and WebP headers', () => {
    expect(imageInfo(makePng(7, 5))).toEqual({ mediaType: 'image/png', width: 7, height: 5 });
    expect(imageInfo(jpeg(640, 480))).toEqual({ mediaType: 'image/jpeg', width: 640, height: 480 });
    const gif = Buffer.from([...Buffer.from('GIF89a'), 0x20, 0x03, 0x58, 0x02, 0, 0, 0]);
    expect(imageInfo(gif)).toEqual({ mediaType: 'image/gif', width: 800, height: 600 });
    // VP8X stores width-1 and height-1 as 24-bit little-endian numbers.
    const vp8x = webp('VP8X', [0, 0, 0, 0, 0xff, 0x0e, 0, 0x37, 0x04, 0]);
    expect(imageInfo(vp8x)).toEqual({ mediaType: 'image/webp', width: 3840, height: 1080 });
  });

  it('refuses what only claims to be an image', () => {
    expect(
      imageInfo(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')),
    ).toBeNull();
    expect(imageInfo(Buffer.from([0xff, 0xd8, 0xff, 0xd9]))).toBeNull();
    expect(imageInfo(makePng(1, 1).subarray(0, 20))).toBeNull();
    expect(imageInfo(makePng(1, 1, { width: 0, height: 5 }))).toBeNull();
  });
});
