import { describe, expect, it } from 'vitest';
import { highlighted } from './search.js';

describe('highlighted', () => {
  it('wraps each marked range in reverse video and keeps the rest as it was', () => {
    expect(highlighted('电子阅报栏上线', [[2, 5]])).toBe('电子\u001b[7m阅报栏\u001b[27m上线');
    expect(
      highlighted('阅报栏与报栏', [
        [0, 1],
        [4, 6],
      ]),
    ).toBe('\u001b[7m阅\u001b[27m报栏与\u001b[7m报栏\u001b[27m');
  });

  it('leaves text without marks untouched', () => {
    expect(highlighted('没有匹配', [])).toBe('没有匹配');
  });
});
