/**
 * Feed dates → ISO 8601 (UTC), or null. RFC 822/2822 and W3C-DTF as written and as commonly
 * broken (feedparser's test cases: two-digit years, missing seconds or time, long month names,
 * US and European zone names, `GMT+hh:mm`, swapped month and day, stray commas, MSSQL's space
 * instead of `T`, Google's three-digit month), asctime, `YYYY/MM/DD`, and Chinese `年月日`.
 * Anything out of range is null, never a guess.
 */

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const DAYS = /^(mon|tue|wed|thu|fri|sat|sun)[a-z]*,?$/;

/** Offsets in minutes. The one-letter US forms (ET, PT…) are Disney's; MET/MEST Central Europe's. */
const ZONES: Record<string, number> = {
  ut: 0,
  utc: 0,
  gmt: 0,
  z: 0,
  'etc/gmt': 0,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
  at: -240,
  et: -300,
  ct: -360,
  mt: -420,
  pt: -480,
  bst: 60,
  cet: 60,
  cest: 120,
  met: 60,
  mest: 120,
  eet: 120,
  eest: 180,
  jst: 540,
  kst: 540,
  hkt: 480,
  sgt: 480,
  ist: 330,
};

/** Beijing time: what a Chinese date written with 年月日 and no zone means. */
const CHINA_OFFSET = 480;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function toIso(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  offsetMinutes: number,
): string | null {
  const valid =
    Number.isInteger(year) &&
    year >= 1 &&
    year <= 9999 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour >= 0 &&
    hour <= 23 &&
    minute >= 0 &&
    minute <= 59 &&
    second >= 0 &&
    second <= 60 &&
    Math.abs(offsetMinutes) < 24 * 60;
  if (!valid) return null;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute - offsetMinutes, Math.min(second, 59), 0);
  const iso = date.toISOString();
  return /^\d{4}-/.test(iso) ? iso : null;
}

/** `Z`, `+08:00`, `+0800`, `-8`, `GMT+8`, `UTC-01:01`, a zone name; undefined when not a zone. */
function parseZone(text: string | undefined): number | undefined {
  if (text === undefined || text === '') return 0;
  const lower = text.toLowerCase();
  const named = ZONES[lower];
  if (named !== undefined) return named;
  const numeric = /^(?:gmt|utc|ut)?([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(lower);
  if (numeric) {
    const [, sign, hours = '0', minutes = '0'] = numeric;
    const value = Number(hours) * 60 + Number(minutes);
    if (Number(minutes) > 59 || Number(hours) > 23) return undefined;
    return sign === '-' ? -value : value;
  }
  // Unknown letters (a misspelt or local zone name): feedparser reads them as UTC, so do we.
  return /^[a-z]{1,5}$/.test(lower) ? 0 : undefined;
}

function parseClock(text: string | undefined): [number, number, number] | null {
  if (text === undefined) return [0, 0, 0];
  const match = /^(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:[.,]\d+)?)?$/.exec(text);
  if (!match) return null;
  return [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)];
}

/** 1–12 for `jan`, `Sept.`, `January`; 0 for anything else. */
function monthNumber(token: string): number {
  const word = token.replace(/\.$/, '');
  if (!/^[a-z]{3,9}$/.test(word)) return 0;
  return MONTHS.findIndex((name) => name.startsWith(word)) + 1;
}

function fullYear(token: string): number {
  if (!/^\d{2}$|^\d{4}$/.test(token)) return NaN;
  const year = Number(token);
  if (token.length === 4) return year;
  return year < 50 ? 2000 + year : 1900 + year;
}

const W3CDTF =
  /^(\d{4})(?:-(\d{1,3})(?:-(\d{1,2}))?)?(?:(?:T|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{1,2}(?::?\d{2})?|(?:UTC|GMT)(?:[+-]\d{1,2}(?::?\d{2})?)?)?)?$/i;

/** W3C-DTF / ISO 8601 extended, and the MSSQL and Google variants. Partial dates start their period. */
function parseW3cdtf(text: string): string | null | undefined {
  const match = W3CDTF.exec(text);
  if (!match) return undefined;
  const [, year, month = '1', day = '1', hour = '0', minute = '0', second = '0', zone] = match;
  const offset = parseZone(zone);
  if (offset === undefined) return null;
  return toIso(Number(year), Number(month), Number(day), Number(hour), Number(minute), Number(second), offset);
}

/** ISO 8601 basic format: 20031231T101455Z, 20031231. */
function parseIsoBasic(text: string): string | null | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?(?:[.,]\d+)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i.exec(text);
  if (!match) return undefined;
  const [, year, month, day, hour = '0', minute = '0', second = '0', zone] = match;
  const offset = parseZone(zone);
  if (offset === undefined) return null;
  return toIso(Number(year), Number(month), Number(day), Number(hour), Number(minute), Number(second), offset);
}

/** RFC 822/2822 and its relatives: `[Day,] DD Mon YYYY [hh:mm[:ss]] [zone]`, month and day in either order. */
function parseRfc822(text: string): string | null | undefined {
  const tokens = text
    .toLowerCase()
    .replace(/\([^)]*\)|,/g, ' ')
    .split(/\s+/)
    .filter((token) => token !== '');
  if (tokens[0] && DAYS.test(tokens[0])) tokens.shift();
  if (tokens.length < 3) return undefined;
  let [first = '', second = '', yearToken = ''] = tokens;
  if (monthNumber(first) && !monthNumber(second)) [first, second] = [second, first];
  const month = monthNumber(second);
  if (!month) return undefined;
  if (!/^\d{1,2}$/.test(first)) return null;
  let rest = tokens.slice(3);
  // asctime puts the year last: `Jan  4 16:29:06 2004`, `Jul 15 01:16:00 +0000 2012`.
  if (/^\d{1,2}:/.test(yearToken)) {
    const year = rest.pop();
    if (year === undefined) return null;
    rest = [yearToken, ...rest];
    yearToken = year;
  }
  const year = fullYear(yearToken);
  const clock = parseClock(rest[0]);
  if (Number.isNaN(year) || !clock) return null;
  const zoneText = rest.slice(1).join('');
  const offset = parseZone(zoneText === '' ? undefined : zoneText);
  if (offset === undefined || rest.length > 3) return null;
  return toIso(year, month, Number(first), ...clock, offset);
}

/** `2006/09/15 08:19:53 EDT`, with or without a weekday in front (Perforce, many CMSs). */
function parseSlashed(text: string): string | null | undefined {
  const match =
    /^(?:[a-z]{3},?\s+)?(\d{4})\/(\d{1,2})\/(\d{1,2})(?:\s+(\d{1,2}:\d{1,2}(?::\d{1,2})?))?(?:\s*(\S+))?$/i.exec(text);
  if (!match) return undefined;
  const [, year, month, day, time, zone] = match;
  const clock = parseClock(time);
  const offset = parseZone(zone);
  if (!clock || offset === undefined) return null;
  return toIso(Number(year), Number(month), Number(day), ...clock, offset);
}

/** `2024年5月28日 01:31:15`, `2024年05月28日`, Beijing time unless a zone follows. */
function parseChinese(text: string): string | null | undefined {
  const match =
    /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日(?:\s*(\d{1,2}[:：]\d{1,2}(?:[:：]\d{1,2})?))?(?:\s*(\S+))?$/.exec(
      text,
    );
  if (!match) return undefined;
  const [, year, month, day, time, zone] = match;
  const clock = parseClock(time?.replace(/：/g, ':'));
  const offset = zone === undefined ? CHINA_OFFSET : parseZone(zone);
  if (!clock || offset === undefined) return null;
  return toIso(Number(year), Number(month), Number(day), ...clock, offset);
}

const PARSERS = [parseW3cdtf, parseIsoBasic, parseChinese, parseSlashed, parseRfc822];

export function parseFeedDate(raw: string | undefined | null): string | null {
  const text = raw?.trim().replace(/\s+/g, ' ');
  if (!text || text.length > 100) return null;
  for (const parse of PARSERS) {
    const result = parse(text);
    if (result !== undefined) return result;
  }
  return null;
}
