import { decodeBytes, InvalidBytes } from './decoders.js';
import { countHanzi } from './hanzi.js';

/** Share of a decoding's Han characters that must be common ones for us to believe it. */
const CONFIDENT_COMMON_SHARE = 0.3;
const MIN_HAN = 4;

function strictly(bytes: Uint8Array, name: string): string | null {
  try {
    return decodeBytes(bytes, name, true);
  } catch (error) {
    if (error instanceof InvalidBytes) return null;
    throw error;
  }
}

/**
 * For bytes that are not UTF-8 and say nothing about their encoding: Chinese sites that predate
 * UTF-8 wrote GB2312/GBK or Big5. Each decodes most byte pairs of the other without error, so the
 * decoding whose characters are the common ones wins; null when neither looks like Chinese.
 */
export function guessChineseEncoding(bytes: Uint8Array): { name: string; text: string } | null {
  let best: { name: string; text: string; share: number } | null = null;
  for (const name of ['gb18030', 'big5']) {
    const text = strictly(bytes, name);
    if (text === null) continue;
    const counts = countHanzi(text);
    if (counts.han < MIN_HAN) continue;
    const share = counts.common / counts.han;
    if (share >= CONFIDENT_COMMON_SHARE && (!best || share > best.share)) best = { name, text, share };
  }
  return best && { name: best.name, text: best.text };
}

/**
 * UTF-8 with a few broken sequences (a truncated character, one pasted byte) rather than another
 * encoding: its valid multi-byte characters outnumber the broken ones. Latin-1 text misread as
 * UTF-8 has almost no valid ones.
 */
export function isMostlyUtf8(lenientText: string): boolean {
  let replaced = 0;
  let nonAscii = 0;
  for (let index = 0; index < lenientText.length; index++) {
    const code = lenientText.charCodeAt(index);
    if (code === 0xfffd) replaced++;
    else if (code > 0x7f) nonAscii++;
  }
  return nonAscii > replaced * 2;
}
