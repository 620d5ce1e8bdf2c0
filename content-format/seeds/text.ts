/**
 * Generic cleaning of Chinese text that went through word segmenters, PDF extraction, wiki scrapers
 * and simplified→traditional converters. Each function fixes one kind of damage, so a parser can
 * pick the ones its source needs; `cleanText` applies them all in the order that keeps them correct.
 */
import { repairGbkMisalignment } from './mojibake.js';

/** Ideographs plus the punctuation, quotes and full-width forms that sit among them. */
const CJK = '\\p{Script=Han}\\u3000-\\u303F\\uFF00-\\uFFEF\\u2014\\u2018-\\u201F\\u2026\\u00B7';
const CJK_CHAR = new RegExp(`[${CJK}]`, 'u');
const HAN = /\p{Script=Han}/u;

function isCjk(char: string | undefined): boolean {
  return char !== undefined && CJK_CHAR.test(char);
}

/** U+3000 is deliberately not matched: an ideographic space is typesetting, not segmentation residue. */
const SPACES_NEXT_TO_CJK = new RegExp(`(?<=[${CJK}])[ \\t\\u00A0]+|[ \\t\\u00A0]+(?=[${CJK}])`, 'gu');

/**
 * Removes spaces that touch a CJK character: word segmenters put one between every word
 * ("1 月 25 日 上午" → "1月25日上午"), and Chinese typesetting uses none. Spaces between two Latin
 * words or numbers ("Top 10") are kept.
 */
export function removeCjkSpaces(text: string): string {
  return text.replace(SPACES_NEXT_TO_CJK, '');
}

/** Footnote references left by wiki scrapers: "[1]", "[23]", "[註 2]". */
export function removeFootnoteMarkers(text: string): string {
  return text.replace(/\[(?:\d{1,3}|[註注]\s?\d{1,3})\]/gu, '');
}

const TONED = '[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]';
const PINYIN_ANNOTATION = new RegExp(`[(（][a-zü]*${TONED}[a-zü]*[)）]`, 'gu');

/**
 * Some simplified→traditional converters annotate characters whose conversion is ambiguous with
 * their pinyin ("業(yè)", "發(fā)"). A parenthesised single syllable with a tone mark is never content.
 */
export function removePinyinAnnotations(text: string): string {
  return text.replace(PINYIN_ANNOTATION, '');
}

/** Private-use characters and U+FFFD are what broken decoders substitute for bytes they could not map. */
export function removeUndecodable(text: string): string {
  return text.replace(/[\uE000-\uF8FF\uFFFD]/gu, '');
}

const FULL_WIDTH: Record<string, string> = { ',': '，', ';': '；', ':': '：', '!': '！', '?': '？' };

/**
 * Turns ASCII , ; : ! ? into their full-width forms where they punctuate Chinese text (some sites
 * half-width all punctuation), and ASCII parentheses around Chinese into full-width ones. Times
 * ("09:10"), numbers ("1,000") and English text keep ASCII punctuation.
 */
export function toFullWidthPunctuation(text: string): string {
  const chars = [...text];
  const out = chars.map((char, i) => {
    const full = FULL_WIDTH[char];
    if (full === undefined) return char;
    const prev = chars[i - 1];
    const next = chars[i + 1];
    if (isCjk(prev)) return full;
    const prevIsWord = prev !== undefined && /[\p{L}\p{N}%)）]/u.test(prev);
    return prevIsWord && next !== undefined && HAN.test(next) ? full : char;
  });
  return out.join('').replace(/\(([^()]*\p{Script=Han}[^()]*)\)/gu, '（$1）');
}

const QUESTION_WORD = /[吗嗎呢哪谁誰]|什么|什麼|怎么|怎麼|怎样|怎樣|为何|為何|如何|是否|难道|難道|多少/u;

/**
 * An ASCII '?' after Chinese text that survives mojibake repair is either a half-widthed question
 * mark or a byte a decoder gave up on. It is kept (as '？') only when its sentence asks something.
 */
export function resolveStrayQuestionMarks(text: string): string {
  return text.replace(/(?<=[^\x00-\x7F])\?/gu, (_mark, offset: number) => {
    const before = text.slice(0, offset);
    const sentenceStart = Math.max(...['。', '！', '？', '!', '\n'].map((p) => before.lastIndexOf(p))) + 1;
    return QUESTION_WORD.test(before.slice(sentenceStart)) ? '？' : '';
  });
}

/**
 * News datelines are separated from the text by a gap ("新华社北京1月25日电 中共中央…"); keep it
 * as the ideographic space print uses instead of letting removeCjkSpaces glue the two together.
 */
export function keepDatelineGap(text: string): string {
  return text.replace(/^((?:新华社|新華社|中新社|本报|本報)[^，。\s]{0,16}[电電讯訊])[ \t\u00A0\u3000]+/u, '$1\u3000');
}

/** Everything above, in the order that keeps each step correct, plus whitespace normalisation. */
export function cleanText(text: string): string {
  let out = removeUndecodable(text);
  out = removePinyinAnnotations(out); // before the repair: annotations sit inside damaged runs
  out = repairGbkMisalignment(out); // before full-width conversion rewrites its "?!" signature
  out = removeFootnoteMarkers(out);
  out = keepDatelineGap(out.trim());
  out = removeCjkSpaces(out);
  out = resolveStrayQuestionMarks(out); // before full-width conversion makes every '?' look real
  out = toFullWidthPunctuation(out);
  return out.replace(/[ \t\u00A0]+/gu, ' ').trim();
}

/**
 * Width in half-width cells as the text was typeset: ideographs take two, ASCII one, and CJK
 * punctuation one, because Chinese layout compresses it to half a cell.
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    width += code >= 0x2000 && !/\p{P}/u.test(char) ? 2 : 1;
  }
  return width;
}

/** Whether text ends a sentence (closing quotes and brackets after the mark count). */
export function endsSentence(text: string): boolean {
  return /[。！？!?…；;][”’」』）)"]*$/u.test(text.trimEnd());
}

/** Whether text contains any punctuation at all (display lines such as headlines contain none). */
export function hasPunctuation(text: string): boolean {
  return /[\p{P}]/u.test(text);
}
