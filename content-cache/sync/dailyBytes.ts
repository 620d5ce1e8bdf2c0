import type { ContentWriter } from '../contentWriter.js';
import { localDay } from './localTime.js';

const DAY_KEY = 'sync.bytes.day';
const COUNT_KEY = 'sync.bytes.count';

/**
 * Body bytes downloaded on the board's current calendar day, kept in sync_state so a restart does
 * not reset the budget. Written once per round that moved bytes, never per chunk; a crash loses at
 * most that round's count.
 */
export class DailyBytes {
  private day: string;
  private count: number;

  constructor(
    private readonly writer: ContentWriter,
    private readonly timeZone: string | undefined,
  ) {
    this.day = writer.state(DAY_KEY) ?? '';
    this.count = Number(writer.state(COUNT_KEY) ?? '0') || 0;
  }

  today(now: Date): number {
    return this.day === localDay(now, this.timeZone) ? this.count : 0;
  }

  add(bytes: number, now: Date): void {
    if (bytes <= 0) return;
    const day = localDay(now, this.timeZone);
    this.count = this.today(now) + bytes;
    this.day = day;
    this.writer.setState({ [DAY_KEY]: day, [COUNT_KEY]: String(this.count) });
  }
}
