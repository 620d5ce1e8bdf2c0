import { describe, expect, it } from 'vitest';
import { mapBounded } from './mapBounded.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('mapBounded', () => {
  it('runs every input with at most `limit` in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const done: number[] = [];
    await mapBounded([1, 2, 3, 4, 5, 6, 7, 8, 9], 3, async (n) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await tick();
      inFlight -= 1;
      done.push(n);
    });
    expect(peak).toBe(3);
    expect(done.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('starts nothing new after a failure and rejects with the first error once the running tasks have settled', async () => {
    const started: number[] = [];
    const settled: number[] = [];
    const run = mapBounded([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 3, async (n) => {
      started.push(n);
      if (n === 1) throw new Error('blob 1 is bad');
      if (n === 2) {
        await tick();
        settled.push(n);
        throw new Error('blob 2 is bad too');
      }
      await tick();
      await tick();
      settled.push(n);
    });
    await expect(run).rejects.toThrow('blob 1 is bad');
    const startedWhenRejected = [...started];
    expect(settled.sort()).toEqual([0, 2]);
    await tick();
    await tick();
    await tick();
    expect(started).toEqual(startedWhenRejected);
    expect(started.length).toBeLessThan(10);
  });

  it('returns results in the order of the inputs, whatever order they finish in', async () => {
    const delays = [30, 5, 20, 1];
    const out = await mapBounded(delays, 2, async (ms, index) => {
      await new Promise((resolve) => setTimeout(resolve, ms));
      return `${index}:${ms}`;
    });
    expect(out).toEqual(['0:30', '1:5', '2:20', '3:1']);
  });

  it('resolves at once for no inputs', async () => {
    await expect(mapBounded([], 4, async () => 1)).resolves.toEqual([]);
  });
});
