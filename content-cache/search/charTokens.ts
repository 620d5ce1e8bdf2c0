/**
 * The short-query title index (items_chars) sees every folded character as one token, so a one- or
 * two-character query is a one- or two-token phrase. Its tokenizer ('ascii') splits only at ASCII
 * separators and would skip punctuation without advancing the position, letting 学习。媒体 match
 * 习媒; every character that is not a letter or digit therefore becomes a filler token from the
 * private-use area, which folding never leaves in a text.
 */
export const FILLER = 0xe000;

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
let bmpTokenChars: Uint8Array | null = null;

function tokenChars(): Uint8Array {
  if (!bmpTokenChars) {
    bmpTokenChars = new Uint8Array(0x10000);
    for (let cp = 0; cp < 0x10000; cp++) {
      if ((cp < 0xd800 || cp > 0xdfff) && LETTER_OR_DIGIT.test(String.fromCharCode(cp))) bmpTokenChars[cp] = 1;
    }
  }
  return bmpTokenChars;
}

const decoder = new TextDecoder('utf-16le');

export function charTokens(folded: string): string {
  const isToken = tokenChars();
  const out = new Uint16Array(folded.length * 2);
  let length = 0;
  for (let i = 0; i < folded.length; i++) {
    if (length > 0) out[length++] = 0x20;
    const unit = folded.charCodeAt(i);
    const next = i + 1 < folded.length ? folded.charCodeAt(i + 1) : 0;
    if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      if (LETTER_OR_DIGIT.test(folded.slice(i, i + 2))) {
        out[length++] = unit;
        out[length++] = next;
      } else {
        out[length++] = FILLER;
      }
      i++;
    } else {
      out[length++] = isToken[unit] ? unit : FILLER;
    }
  }
  return decoder.decode(new Uint8Array(out.buffer, 0, length * 2));
}
