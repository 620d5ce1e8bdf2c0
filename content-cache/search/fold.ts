import OpenCC, { type DictGroup } from 'opencc-js';

/**
 * Search folding: the one form both the index and every query are reduced to, so that a
 * traditional query finds a simplified article and back, full-width letters find half-width ones,
 * and case does not matter.
 *
 * Folding is per character and context-free, unlike OpenCC's phrase conversion: then a query that
 * is a substring of a text stays a substring after folding (phrase rules would convert 乾 in a query
 * and keep it in 乾隆 inside the text). The character table is built from opencc-js's own variant and
 * traditional→simplified dictionaries, chased to a fixed point so every chain (麼→么→幺) ends on
 * one character whatever its start. A few characters fold onto a character outside the BMP, which
 * changes UTF-16 length: `foldWithOffsets` maps every folded unit back to its original character.
 *
 * Whitespace next to a Chinese character is dropped (segmented sources write 媒体 融合, wrapped
 * ones break lines mid-phrase); other whitespace runs become one space. Control and private-use
 * characters (mojibake in real pages) count as whitespace; zero-width characters vanish.
 */

const KIND_KEEP = 0;
const KIND_SPACE = 1;
const KIND_DROP = 2;
const KIND_CJK = 3;

interface Tables {
  /** Folded code point of each BMP code unit, 0 where it folds to itself. */
  bmp: Uint32Array;
  astral: Map<number, number>;
  /** KIND_* of each BMP code point after folding. */
  kind: Uint8Array;
}

let tables: Tables | null = null;

function dictKeys(groups: readonly DictGroup[], into: Set<string>): void {
  for (const group of groups) {
    for (const dict of group) {
      const entries = typeof dict === 'string' ? dict.split('|').map((entry) => entry.split(' ')) : dict;
      for (const [source] of entries) if (source && [...source].length === 1) into.add(source);
    }
  }
}

function isCjk(cp: number): boolean {
  return (
    (cp >= 0x2e80 && cp <= 0x2fdf) || // radicals
    (cp >= 0x3000 && cp <= 0x30ff) || // CJK punctuation, kana
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) || // vertical and small forms
    (cp >= 0x20000 && cp <= 0x3ffff)
  );
}

function kindOf(cp: number): number {
  if (cp === 0x200b || cp === 0x200c || cp === 0x200d || cp === 0x2060 || cp === 0xfeff || cp === 0xad) {
    return KIND_DROP;
  }
  if (isCjk(cp) && cp !== 0x3000) return KIND_CJK;
  if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || /\s/u.test(String.fromCodePoint(cp))) return KIND_SPACE;
  if ((cp >= 0xe000 && cp <= 0xf8ff) || cp === 0xfffd || cp === 0xfffe || cp === 0xffff) return KIND_SPACE;
  return KIND_KEEP;
}

function buildTables(): Tables {
  const locale = (presets: Record<string, readonly DictGroup[]>, name: string): readonly DictGroup[] => {
    const groups = presets[name];
    if (!groups) throw new Error(`opencc-js has no ${name} dictionaries`);
    return groups;
  };
  // Hong Kong and Taiwan variants to OpenCC's standard traditional, then to simplified.
  const chain = [locale(OpenCC.Locale.from, 'hk'), locale(OpenCC.Locale.from, 'tw'), locale(OpenCC.Locale.to, 'cn')];
  const convert = OpenCC.ConverterFactory(...chain);
  const sources = new Set<string>();
  dictKeys(chain.flat(), sources);
  const step = new Map<number, number>();
  for (const source of sources) {
    const target = convert(source.normalize('NFC'));
    const cps = [...target];
    // Multi-character results never come from these single-character dictionaries; were one to, the
    // character stays as it is rather than break the one-to-one folding.
    if (cps.length === 1) step.set(source.codePointAt(0) as number, cps[0]?.codePointAt(0) as number);
  }
  // CJK compatibility ideographs (U+F900…) are canonically the unified ones.
  for (let cp = 0xf900; cp <= 0xfaff; cp++) {
    const nfc = String.fromCodePoint(cp).normalize('NFC').codePointAt(0) as number;
    if (nfc !== cp && !step.has(cp)) step.set(cp, step.get(nfc) ?? nfc);
  }
  const chase = (cp: number): number => {
    let current = cp;
    for (let hops = 0; hops < 8; hops++) {
      const next = step.get(current);
      if (next === undefined || next === current) return current;
      current = next;
    }
    return current;
  };
  const bmp = new Uint32Array(0x10000);
  const astral = new Map<number, number>();
  for (let cp = 0; cp < 0x10000; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    let folded = chase(cp);
    if (folded >= 0xff01 && folded <= 0xff5e) folded -= 0xfee0; // full-width ASCII
    const lower = String.fromCodePoint(folded).toLowerCase();
    if ([...lower].length === 1) folded = lower.codePointAt(0) as number;
    if (folded !== cp) bmp[cp] = folded;
  }
  for (const cp of step.keys()) if (cp > 0xffff) astral.set(cp, chase(cp));
  const kind = new Uint8Array(0x10000);
  for (let cp = 0; cp < 0x10000; cp++) kind[cp] = kindOf(cp);
  return { bmp, astral, kind };
}

function getTables(): Tables {
  tables ??= buildTables();
  return tables;
}

export interface FoldedText {
  text: string;
  /** For each UTF-16 unit of `text`: where the original character it came from starts… */
  starts: Int32Array;
  /** …and ends (exclusive), in UTF-16 units of the original. */
  ends: Int32Array;
}

const decoder = new TextDecoder('utf-16le');

function fold(source: string, withOffsets: boolean): FoldedText {
  const { bmp, astral, kind } = getTables();
  const capacity = source.length * 2 + 1;
  const out = new Uint16Array(capacity);
  const starts = withOffsets ? new Int32Array(capacity) : new Int32Array(0);
  const ends = withOffsets ? new Int32Array(capacity) : new Int32Array(0);
  let length = 0;
  let previousCjk = false;
  let pendingSpaceAt = -1;
  for (let i = 0; i < source.length;) {
    let cp = source.charCodeAt(i);
    let width = 1;
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < source.length) {
      const low = source.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = (cp - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        width = 2;
      }
    }
    const folded = cp > 0xffff ? (astral.get(cp) ?? cp) : bmp[cp] || cp;
    const charKind = folded > 0xffff ? (isCjk(folded) ? KIND_CJK : KIND_KEEP) : (kind[folded] as number);
    if (charKind === KIND_SPACE) {
      if (pendingSpaceAt < 0 && length > 0) pendingSpaceAt = i;
    } else if (charKind !== KIND_DROP) {
      const cjk = charKind === KIND_CJK;
      if (pendingSpaceAt >= 0 && !cjk && !previousCjk) {
        if (withOffsets) {
          starts[length] = pendingSpaceAt;
          ends[length] = pendingSpaceAt + 1;
        }
        out[length++] = 0x20;
      }
      pendingSpaceAt = -1;
      const units = folded > 0xffff ? 2 : 1;
      if (units === 2) {
        out[length] = 0xd800 + ((folded - 0x10000) >> 10);
        out[length + 1] = 0xdc00 + ((folded - 0x10000) & 0x3ff);
      } else {
        out[length] = folded;
      }
      if (withOffsets) {
        for (let unit = 0; unit < units; unit++) {
          starts[length + unit] = i;
          ends[length + unit] = i + width;
        }
      }
      length += units;
      previousCjk = cjk;
    }
    i += width;
  }
  const text = decoder.decode(new Uint8Array(out.buffer, 0, length * 2));
  return { text, starts: starts.subarray(0, length), ends: ends.subarray(0, length) };
}

/** The folded form of a text, as indexed and as queried. */
export function foldText(source: string): string {
  return fold(source, false).text;
}

/** The folded form with, for every folded unit, the span of the original character it came from. */
export function foldWithOffsets(source: string): FoldedText {
  return fold(source, true);
}
