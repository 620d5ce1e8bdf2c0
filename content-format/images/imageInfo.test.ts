import { describe, expect, it } from 'vitest';
import { imageInfo } from './imageInfo.js';
import { makePng } from '../epub/test-support.js';
import { makeJpeg } from './testing/jpeg.js';

function webp(chunk: string, payload: number[]): Buffer {
  const body = Buffer.from([...Buffer.from(`WEBP${chunk}`), 0, 0, 0, 0, ...payload]);
  return Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), body]);
}

function box(type: string, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  const size = Buffer.alloc(4);
  size.writeUInt32BE(8 + body.length);
  return Buffer.concat([size, Buffer.from(type, 'latin1'), body]);
}

const fullBoxHeader = Buffer.alloc(4);

function ispe(width: number, height: number): Buffer {
  const size = Buffer.alloc(8);
  size.writeUInt32BE(width, 0);
  size.writeUInt32BE(height, 4);
  return box('ispe', fullBoxHeader, size);
}

/** The boxes of an AVIF file up to its item properties; the image data itself is not read. */
function avif(brands: string, ...sizes: Buffer[]): Buffer {
  return Buffer.concat([
    box('ftyp', Buffer.from(brands, 'latin1')),
    box('meta', fullBoxHeader, box('hdlr', fullBoxHeader, Buffer.alloc(20)), box('iprp', box('ipco', ...sizes))),
    box('mdat', Buffer.alloc(16)),
  ]);
}

describe('imageInfo', () => {
  it('reads type and size from PNG, JPEG, GIF and WebP headers', () => {
    expect(imageInfo(makePng(7, 5))).toEqual({ mediaType: 'image/png', width: 7, height: 5 });
    expect(imageInfo(makeJpeg(640, 480))).toEqual({ mediaType: 'image/jpeg', width: 640, height: 480 });
    const gif = Buffer.from([...Buffer.from('GIF89a'), 0x20, 0x03, 0x58, 0x02, 0, 0, 0]);
    expect(imageInfo(gif)).toEqual({ mediaType: 'image/gif', width: 800, height: 600 });
    // VP8X stores width-1 and height-1 as 24-bit little-endian numbers.
    const vp8x = webp('VP8X', [0, 0, 0, 0, 0xff, 0x0e, 0, 0x37, 0x04, 0]);
    expect(imageInfo(vp8x)).toEqual({ mediaType: 'image/webp', width: 3840, height: 1080 });
  });

  it('reads AVIF by its brand and takes the largest of its image sizes', () => {
    expect(imageInfo(avif('avif\0\0\0\0mif1miaf', ispe(1920, 1080), ispe(320, 180)))).toEqual({
      mediaType: 'image/avif',
      width: 1920,
      height: 1080,
    });
    // A thumbnail first and the real picture after it: the bomb check must see the big one.
    expect(imageInfo(avif('mif1\0\0\0\0avif', ispe(16, 16), ispe(100_000, 100_000)))).toMatchObject({
      width: 100_000,
      height: 100_000,
    });
    expect(imageInfo(avif('heic\0\0\0\0mif1', ispe(640, 480)))).toBeNull();
    expect(imageInfo(avif('avif\0\0\0\0mif1'))).toBeNull();
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
