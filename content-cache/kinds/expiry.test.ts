import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { effectiveNow } from './shown.js';
import { at, everyKindPack, NOW } from './testing/everyKind.js';
import { openTestStore, type TestStore } from './testing/store.js';

let store: TestStore;

beforeEach(() => {
  store = openTestStore();
});

afterEach(() => store.close());

const ids = (items: readonly { id: string }[]) => items.map((item) => item.id);
const noticesAt = (hours: number) => {
  store.clock.now = new Date(at(hours));
  return ids(store.reader.notices());
};

describe('notice windows and expiry', () => {
  // Published well before the clocks these tests set, so the last publish puts no floor under them.
  beforeEach(() => store.publish(everyKindPack(), new Date(at(-300))));

  it('shows the notices in force: the emergency first, then by priority, then the newest', () => {
    expect(noticesAt(0)).toEqual(['notice-alarm', 'notice-pinned', 'notice-now']);
  });

  it('drops each notice when its window closes and shows a future one when it opens', () => {
    expect(noticesAt(7)).toEqual(['notice-pinned', 'notice-now']);
    expect(noticesAt(30)).toEqual(['notice-pinned']);
    expect(noticesAt(50)).toEqual(['notice-pinned', 'notice-later']);
    expect(noticesAt(80)).toEqual(['notice-pinned']);
  });

  it('does not open an expired or not-yet-valid item by id either', () => {
    expect(store.reader.item('stale')).toBeNull();
    expect(store.reader.item('notice-later')).toBeNull();
    expect(store.reader.item('notice-over')).toBeNull();
    store.clock.now = new Date(at(-2));
    expect(store.reader.item('stale')?.title).toBe('过期快讯');
  });

  it('lists an article until its expiry and not from that instant on', () => {
    store.clock.now = new Date(at(-1));
    expect(ids(store.reader.list())).not.toContain('stale');
    store.clock.now = new Date(Date.parse(at(-1)) - 1);
    expect(ids(store.reader.list())).toContain('stale');
  });
});

describe('a clock that cannot be trusted', () => {
  it('keeps expired notices hidden when the board restarts with its clock at 1970', () => {
    store.publish(everyKindPack(), NOW);
    store.clock.now = new Date(0);
    expect(ids(store.reader.notices())).toEqual(['notice-alarm', 'notice-pinned', 'notice-now']);
    expect(ids(store.reader.list())).not.toContain('stale');
  });

  it('follows the clock forward, and forgets a wrong publish time at the next publish', () => {
    store.publish(everyKindPack(), new Date('2099-01-01T00:00:00Z'));
    expect(noticesAt(0)).toEqual(['notice-pinned']);
    const next = everyKindPack();
    next.manifest = { ...next.manifest, version: 'every-kind-2' };
    store.publish(next, NOW);
    expect(noticesAt(0)).toEqual(['notice-alarm', 'notice-pinned', 'notice-now']);
  });

  it('takes the later of the clock and the last publish, and the clock alone before any publish', () => {
    expect(effectiveNow(new Date(5_000), null)).toBe(5_000);
    expect(effectiveNow(new Date(5_000), new Date(9_000).toISOString())).toBe(9_000);
    expect(effectiveNow(new Date(12_000), new Date(9_000).toISOString())).toBe(12_000);
    expect(effectiveNow(new Date(5_000), 'not a date')).toBe(5_000);
  });
});
