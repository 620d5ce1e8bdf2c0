/**
 * Chooses `count` of `total` positions for a quiz, the same for everyone on a given day and seed
 * text (so two neighbours comparing scores answered the same questions), different from day to day.
 */
export function dailyPick(total: number, count: number, seedText: string): number[] {
  let seed = 0x811c9dc5;
  for (const char of seedText) seed = Math.imul(seed ^ (char.codePointAt(0) ?? 0), 0x01000193) >>> 0;
  const random = (): number => {
    // mulberry32: tiny, fast, and stable across engines, which Math.random is not.
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const positions = Array.from({ length: total }, (_, index) => index);
  const picked = Math.min(count, total);
  for (let index = 0; index < picked; index += 1) {
    const swap = index + Math.floor(random() * (total - index));
    [positions[index], positions[swap]] = [positions[swap] as number, positions[index] as number];
  }
  return positions.slice(0, picked);
}
