import type { DownloadWindow } from './config.js';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Wall-clock fields of an instant in a zone (the system zone when none is given). */
function wallClock(
  at: Date,
  timeZone: string | undefined,
): Record<'year' | 'month' | 'day' | 'hour' | 'minute', string> {
  const key = timeZone ?? '';
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(key, format);
  }
  const parts = Object.fromEntries(format.formatToParts(at).map((part) => [part.type, part.value]));
  return parts as Record<'year' | 'month' | 'day' | 'hour' | 'minute', string>;
}

/** The board's calendar day, YYYY-MM-DD: the unit of the daily byte budget. */
export function localDay(at: Date, timeZone?: string): string {
  const { year, month, day } = wallClock(at, timeZone);
  return `${year}-${month}-${day}`;
}

function minutes(clock: string): number {
  const [hours, mins] = clock.split(':').map(Number);
  return (hours ?? 0) * 60 + (mins ?? 0);
}

/** Whether the wall-clock time falls in [start, end); a window whose end is before its start spans midnight. */
export function inDownloadWindow(at: Date, window: DownloadWindow | null, timeZone?: string): boolean {
  if (!window) return true;
  const { hour, minute } = wallClock(at, timeZone);
  const now = Number(hour) * 60 + Number(minute);
  const start = minutes(window.start);
  const end = minutes(window.end);
  return start < end ? now >= start && now < end : now >= start || now < end;
}
