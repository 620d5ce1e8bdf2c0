import { describe, expect, it } from 'vitest';
import { charTokens, FILLER } from './charTokens.js';
import { titlePinyin } from './pinyin.js';

describe('titlePinyin', () => {
  it('gives the full syllables run together, then the initials, without tones', () => {
    expect(titlePinyin('媒体融合')).toBe('meitironghe mtrh');
    expect(titlePinyin('电子阅报栏')).toBe('dianziyuebaolan dzybl');
    expect(titlePinyin('绿色发展')).toBe('lvsefazhan lsfz');
  });

  it('reads polyphonic characters in context and keeps runs broken by punctuation apart', () => {
    expect(titlePinyin('重庆银行')).toBe('chongqingyinhang cqyh');
    expect(titlePinyin('媒体,融合')).toBe('meiti ronghe mt rh');
    expect(titlePinyin('5g新闻')).toBe('5gxinwen 5gxw');
    expect(titlePinyin('')).toBe('');
  });
});

describe('charTokens', () => {
  it('makes every character a token and everything but letters and digits a filler token', () => {
    const filler = String.fromCharCode(FILLER);
    expect(charTokens('媒体,5g 𠀀')).toBe(`媒 体 ${filler} 5 g ${filler} 𠀀`);
  });
});
