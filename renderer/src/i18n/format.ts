import type { Language } from '../../../common/content.js';

const formatters = new Map<string, Intl.DateTimeFormat>();

// Intl formatters are costly to build and the home list formats one date per card.
function formatter(language: Language, kind: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${language}|${kind}`;
  let found = formatters.get(key);
  if (found === undefined) formatters.set(key, (found = new Intl.DateTimeFormat(language, options)));
  return found;
}

/** Masthead date, e.g. 2025年11月22日星期六 / Saturday, November 22, 2025. */
export function formatMastheadDate(date: Date, language: Language): string {
  return formatter(language, 'masthead', { year: 'numeric', month: 'long', day: 'numeric', weekday: 'long' }).format(
    date,
  );
}

export function formatClock(date: Date, language: Language): string {
  return formatter(language, 'clock', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(date);
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A publication date from content: date-only values are calendar days, not UTC midnight (which
 * would show as the previous day west of Greenwich). Unparseable input shows nothing rather than
 * "Invalid Date".
 */
export function formatPublished(value: string, language: Language, now: Date = new Date()): string {
  const dateOnly = DATE_ONLY.exec(value);
  const date = dateOnly ? new Date(Number(dateOnly[1]), Number(dateOnly[2]) - 1, Number(dateOnly[3])) : new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  const sameYear = date.getFullYear() === now.getFullYear();
  const kind = `${dateOnly ? 'day' : 'time'}${sameYear ? '' : '+year'}`;
  return formatter(language, kind, {
    year: sameYear ? undefined : 'numeric',
    month: 'long',
    day: 'numeric',
    ...(dateOnly ? {} : { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' as const }),
  }).format(date);
}

/** "source · date", leaving out whichever part is empty. */
export function metaLine(...parts: string[]): string {
  return parts.filter((part) => part !== '').join(' · ');
}
