import { describe, expect, it } from 'vitest';
import { markTitle, SNIPPET_CONTEXT, snippet, type MarkedText } from './highlight.js';

const marked = ({ text, marks }: MarkedText) => marks.map(([from, to]) => text.slice(from, to));

describe('markTitle', () => {
  it('marks every occurrence of every term, merging overlaps, on the original characters', () => {
    expect(marked(markTitle('媒體融合與媒体融合', ['媒体融合']))).toEqual(['媒體融合', '媒体融合']);
    expect(marked(markTitle('电子阅报栏', ['电子阅', '阅报栏']))).toEqual(['电子阅报栏']);
  });

  it('marks the characters a pinyin term spells, in full or as initials', () => {
    expect(marked(markTitle('推动媒体融合', ['meiti']))).toEqual(['媒体']);
    expect(marked(markTitle('推动媒體融合', ['mtrh']))).toEqual(['媒體融合']);
    expect(marked(markTitle('推动媒体融合', ['xyz']))).toEqual([]);
  });
});

describe('snippet', () => {
  it('is the start of the body, marked nowhere, when the body does not match', () => {
    const body = '甲'.repeat(100);
    expect(snippet(body, ['乙'])).toEqual({ text: `${'甲'.repeat(SNIPPET_CONTEXT * 2)}…`, marks: [] });
    expect(snippet('短', ['乙'])).toEqual({ text: '短', marks: [] });
  });

  it('keeps a short body whole and marks every match in it', () => {
    expect(marked(snippet('電子閱報欄和电子阅报栏', ['电子阅报栏']))).toEqual(['電子閱報欄', '电子阅报栏']);
  });

  it('never cuts a character outside the BMP in half', () => {
    const body = `${'𠀀'.repeat(40)}目标${'𠀀'.repeat(40)}`;
    const { text, marks } = snippet(body, ['目标']);
    expect(text.startsWith('…')).toBe(true);
    expect(text.endsWith('…')).toBe(true);
    expect([...text.slice(1, -1)].every((char) => char === '𠀀' || char === '目' || char === '标')).toBe(true);
    expect(marks.map(([from, to]) => text.slice(from, to))).toEqual(['目标']);
  });
});
