import { describe, expect, it } from 'vitest';
import { dailyPick } from './dailyPick.js';

describe('dailyPick', () => {
  it('picks distinct positions within range, the same ones for the same seed', () => {
    const picked = dailyPick(20_700, 5, 'bank|2025-03-01|');
    expect(new Set(picked).size).toBe(5);
    expect(picked.every((at) => Number.isInteger(at) && at >= 0 && at < 20_700)).toBe(true);
    expect(dailyPick(20_700, 5, 'bank|2025-03-01|')).toEqual(picked);
  });

  it('picks differently on different days, and gives everything when asked for more than there is', () => {
    expect(dailyPick(20_700, 5, 'bank|2025-03-02|')).not.toEqual(dailyPick(20_700, 5, 'bank|2025-03-01|'));
    expect(dailyPick(3, 10, 'x').sort()).toEqual([0, 1, 2]);
    expect(dailyPick(0, 5, 'x')).toEqual([]);
  });

  it('spreads its picks over the whole bank rather than its start', () => {
    const picks = Array.from({ length: 200 }, (_, day) => dailyPick(1_000, 5, `bank|${day}`)).flat();
    expect(picks.filter((at) => at >= 500).length / picks.length).toBeGreaterThan(0.4);
  });
});
