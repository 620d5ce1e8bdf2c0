/**
 * Repairs one specific, recognisable GBK decoding fault.
 *
 * Seen on a traditional-Chinese page converted from GBK: "使命所在?!皩W習強國" where the source
 * said "使命所在。“學習強國". In GBK "。“學" is A1 A3 | A1 B0 | 8C 57. A decoder lost the first byte
 * (A1 → "?"), after which every pair was read one byte late: A3 A1 became "！" (later half-widthed
 * to "!"), B0 8C became "皩", and the stray trail byte 57 became "W". The damage therefore looks
 * like "?" + one ASCII punctuation mark + a few CJK characters + one ASCII letter in 0x40–0x7E, and
 * re-encoding that run to GBK, shifting it back by one byte and decoding again restores the text.
 * The lost lead byte is taken to be A1, the GBK row of CJK punctuation: the page's damage always
 * sat at a sentence end, and with A1 the restored mark is "。".
 */

const DAMAGED_RUN = /\?([\x21-\x2F\x3A-\x40\x5B-\x60\x7B-\x7E])([^\x00-\x7F]{0,8}[\x40-\x7E])/gu;
const LOST_LEAD_BYTE = 0xa1;
const FULL_WIDTH_ROW = 0xa3; // GBK row holding the full-width forms of ASCII

let gbkEncoder: Map<string, [number, number]> | undefined;

/** Reverse GBK table for two-byte codes, built by decoding every pair once, only when needed. */
function gbkPairs(): Map<string, [number, number]> {
  if (gbkEncoder) return gbkEncoder;
  const decoder = new TextDecoder('gbk');
  const table = new Map<string, [number, number]>();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const char = decoder.decode(Uint8Array.of(lead, trail));
      if (char.length === 1 && char !== '\uFFFD' && !table.has(char)) table.set(char, [lead, trail]);
    }
  }
  gbkEncoder = table;
  return table;
}

function realign(punctuation: string, run: string): string | undefined {
  const pairs = gbkPairs();
  const bytes = [LOST_LEAD_BYTE, FULL_WIDTH_ROW, punctuation.charCodeAt(0) | 0x80];
  for (const char of run) {
    const code = char.charCodeAt(0);
    if (code < 0x80) {
      bytes.push(code);
      continue;
    }
    const pair = pairs.get(char);
    if (!pair) return undefined;
    bytes.push(...pair);
  }
  const repaired = new TextDecoder('gbk', { fatal: true }).decode(Uint8Array.from(bytes));
  return /[\uFFFD\uE000-\uF8FF\x00-\x7F]/u.test(repaired) ? undefined : repaired;
}

/** Restores every run that re-decodes cleanly; anything else is left for later cleaning. */
export function repairGbkMisalignment(text: string): string {
  if (!text.includes('?')) return text;
  return text.replace(DAMAGED_RUN, (whole, punctuation: string, run: string) => {
    try {
      return realign(punctuation, run) ?? whole;
    } catch {
      return whole; // fatal decoder: the bytes were not GBK after all
    }
  });
}
