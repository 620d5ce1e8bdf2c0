import { describe, expect, it } from 'vitest';
import { formatPublished, metaLine } from './format.js';

const now = new Date(2025, 10, 22, 12, 0);

describe('formatPublished', () => {
  it('shows a date-only value as that calendar day, whatever the time zone', () => {
    expect(formatPublished('2025-11-22', 'zh-CN', now)).toBe('11月22日');
    expect(formatPublished('2025-11-22', 'en', now)).toBe('November 22');
  });

  it('adds the year only for other years', () => {
    expect(formatPublished('2024-03-01', 'zh-CN', now)).toBe('2024年3月1日');
  });

  it('shows nothing for a date it cannot read', () => {
    expect(formatPublished('yesterday-ish', 'zh-CN', now)).toBe('');
  });
});

describe('metaLine', () => {
  it('joins source and date and leaves out empty parts', () => {
    expect(metaLine('人民日报', '11月22日')).toBe('人民日报 · 11月22日');
    expect(metaLine('', '11月22日')).toBe('11月22日');
  });
});
