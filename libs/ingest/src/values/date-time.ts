import { normaliseIdentifier } from '../normalise/identifier';
import { fail, ok, type Parsed } from './parsed';

// 2026-01-05, 2026/1/5, 2026年1月5日, 20260105; optional time 13:45[:30[.123]]; optional offset.
const DATE_TIME =
  /^(\d{4})(?:[-/年](\d{1,2})[-/月](\d{1,2})日?|(\d{2})(\d{2}))(?:(?:[ T]|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
}

const formatters = new Map<string, Intl.DateTimeFormat>();
/** Per timezone: UTC day number -> offset in minutes (or the day's 24 hourly offsets). */
const offsetsByZone = new Map<string, Map<number, number | Int16Array>>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function offsetFromIntl(timeZone: string, hour: number): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(hour * 3_600_000));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - hour * 3_600_000) / 60_000);
}

/**
 * Minutes east of UTC of `timeZone` at the instant `utcMs`. Intl is slow (a few µs a call), so
 * offsets are cached per UTC day: one number when the first and last hours of the day have the same
 * offset (then so have the hours between: no zone changes its offset twice in a day), else the 24
 * hourly offsets. A two-year orders file costs two Intl calls per day instead of one per hour, and
 * a lookup is by a small integer key.
 */
function zoneOffsetMinutes(timeZone: string, utcMs: number): number {
  const hour = Math.floor(utcMs / 3_600_000);
  const day = Math.floor(hour / 24) | 0;
  let offsets = offsetsByZone.get(timeZone);
  if (!offsets) offsetsByZone.set(timeZone, (offsets = new Map<number, number | Int16Array>()));
  let cached = offsets.get(day);
  if (cached === undefined) {
    if (offsets.size > 100_000) offsets.clear();
    const first = day * 24;
    const start = offsetFromIntl(timeZone, first);
    const end = offsetFromIntl(timeZone, first + 23);
    if (start === end) cached = start;
    else {
      cached = new Int16Array(24);
      for (let h = 0; h < 24; h++) cached[h] = h === 0 ? start : h === 23 ? end : offsetFromIntl(timeZone, first + h);
    }
    offsets.set(day, cached);
  }
  return typeof cached === 'number' ? cached : cached[hour - day * 24]!;
}

/** The UTC instant of a wall-clock time in `timeZone` (Asia/Tokyo has no DST; others may). */
export function zonedTimeToUtc(wallClockAsUtcMs: number, timeZone: string): Date {
  const firstGuess = wallClockAsUtcMs - zoneOffsetMinutes(timeZone, wallClockAsUtcMs) * 60_000;
  const corrected = wallClockAsUtcMs - zoneOffsetMinutes(timeZone, firstGuess) * 60_000;
  return new Date(corrected);
}

interface DateParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  offset: string | undefined;
  hasTime: boolean;
}

function readParts(raw: string): Parsed<DateParts> {
  const match = DATE_TIME.exec(normaliseIdentifier(raw));
  if (!match) return fail(`"${raw}" is not a date (use YYYY-MM-DD or YYYY-MM-DD HH:mm)`);
  const [, y, m1, d1, m2, d2, h, mi, s, frac, offset] = match;
  const parts: DateParts = {
    year: Number(y),
    month: Number(m1 ?? m2),
    day: Number(d1 ?? d2),
    hour: h ? Number(h) : 0,
    minute: mi ? Number(mi) : 0,
    second: s ? Number(s) : 0,
    millisecond: frac ? Number(frac.padEnd(3, '0').slice(0, 3)) : 0,
    offset,
    hasTime: h !== undefined,
  };
  if (parts.month < 1 || parts.month > 12 || parts.day < 1 || parts.day > daysInMonth(parts.year, parts.month)) {
    return fail(`"${raw}" is not a calendar date`);
  }
  if (parts.hour > 23 || parts.minute > 59 || parts.second > 59) return fail(`"${raw}" is not a time of day`);
  return ok(parts);
}

/**
 * A point in time. Without an explicit offset the time is read in the workspace timezone, as the
 * spreadsheets of a Japanese shop are written in JST.
 */
let lastRaw = '';
let lastTimeZone = '';
let lastResult: Parsed<Date> | undefined;

export function parseDateTime(raw: string, timeZone: string): Parsed<Date> {
  // Lines of one order repeat its time: remembering the last answer skips most of the work.
  if (raw === lastRaw && timeZone === lastTimeZone && lastResult) return lastResult;
  lastResult = parseDateTimeUncached(raw, timeZone);
  lastRaw = raw;
  lastTimeZone = timeZone;
  return lastResult;
}

function parseDateTimeUncached(raw: string, timeZone: string): Parsed<Date> {
  const read = readParts(raw);
  if (!read.ok) return read;
  const p = read.value;
  const wallClock = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.millisecond);
  if (p.offset) {
    const sign = p.offset.startsWith('-') ? -1 : 1;
    const digits = p.offset.replace(/[^\d]/g, '');
    const minutes =
      p.offset.toUpperCase() === 'Z' ? 0 : sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
    return ok(new Date(wallClock - minutes * 60_000));
  }
  return ok(zonedTimeToUtc(wallClock, timeZone));
}

/** A calendar date (birthdays): 'YYYY-MM-DD', no timezone attached. */
export function parseCalendarDate(raw: string): Parsed<string> {
  const read = readParts(raw);
  if (!read.ok) return read;
  const { year, month, day, hasTime } = read.value;
  if (hasTime) return fail(`"${raw}" must be a date without a time`);
  return ok(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
}
