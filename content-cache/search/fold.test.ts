import { describe, expect, it } from 'vitest';
import { foldText, foldWithOffsets } from './fold.js';

/** The original text each folded character came from, as a reader of the highlight would see it. */
function sources(text: string): string[] {
  const { text: folded, starts, ends } = foldWithOffsets(text);
  const out: string[] = [];
  let unit = 0;
  for (const char of folded) {
    out.push(text.slice(starts[unit], ends[unit]));
    unit += char.length;
  }
  return out;
}

describe('foldText', () => {
  it('folds traditional and variant characters onto simplified ones, both scripts alike', () => {
    expect(foldText('媒體融合')).toBe(foldText('媒体融合'));
    expect(foldText('電子閱報欄')).toBe('电子阅报栏');
    expect(foldText('縣級融媒體中心')).toBe('县级融媒体中心');
    expect(foldText('臺灣')).toBe(foldText('台湾'));
    expect(foldText('裏')).toBe(foldText('裡'));
    expect(foldText('里')).toBe(foldText('裡'));
    // A chain of conversions ends on one character whichever link a text uses.
    expect(foldText('什麼')).toBe(foldText('什么'));
  });

  it('folds every character the same way wherever it stands, so substrings stay substrings', () => {
    expect(foldText('乾隆皇帝')).toContain(foldText('乾隆'));
    expect(foldText('乾')).toBe(foldText('乾隆')[0]);
  });

  it('is idempotent over the whole BMP', () => {
    for (let cp = 0x20; cp < 0x10000; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const folded = foldText(`a${String.fromCharCode(cp)}b`);
      if (foldText(folded) !== folded) expect.fail(`U+${cp.toString(16)} folds to ${folded}, then differently`);
    }
  });

  it('folds full-width forms and case', () => {
    expect(foldText('ＣＣＴＶ　Ｎｅｗｓ')).toBe('cctv news');
    expect(foldText('ÉCOLE Straße')).toBe('école straße');
    expect(foldText('１２３，ａｂ')).toBe('123,ab');
  });

  it('drops whitespace next to Chinese characters and collapses the rest', () => {
    expect(foldText('推动 媒体 融合 ， 发展')).toBe('推动媒体融合,发展');
    expect(foldText('跨行的媒\n体融合')).toBe('跨行的媒体融合');
    expect(foldText('  new \t york\n\ncity  ')).toBe('new york city');
    expect(foldText('5G 新闻')).toBe('5g新闻');
  });

  it('treats control and private-use characters as spaces and drops zero-width ones', () => {
    expect(foldText('a\u0001b')).toBe('a b');
    expect(foldText('中\uE004文')).toBe('中文');
    expect(foldText('ab\u200Bcd\uFEFF')).toBe('abcd');
  });
});

describe('foldWithOffsets', () => {
  it('maps every folded character back to the original characters it came from', () => {
    expect(sources('媒體 融合')).toEqual(['媒', '體', '融', '合']);
    expect(sources('ＡＢ　ｃ')).toEqual(['Ａ', 'Ｂ', '　', 'ｃ']);
  });

  it('keeps the mapping when a character folds outside the BMP and back', () => {
    const { text, starts, ends } = foldWithOffsets('㗲x');
    expect(text).toBe('𠵾x');
    expect([...starts]).toEqual([0, 0, 1]);
    expect([...ends]).toEqual([1, 1, 2]);
    expect(sources('前𠵾後')).toEqual(['前', '𠵾', '後']);
  });
});
