import { parseBoolean } from './choices';
import { parseCalendarDate, parseDateTime } from './date-time';
import { parseInteger, parseYen } from './numbers';

const iso = (raw: string, tz = 'Asia/Tokyo') => {
  const parsed = parseDateTime(raw, tz);
  return parsed.ok ? parsed.value.toISOString() : parsed.reason;
};

describe('date-times', () => {
  it('reads local times in the workspace timezone (JST is UTC+9)', () => {
    expect(iso('2026-01-05 13:45')).toBe('2026-01-05T04:45:00.000Z');
    expect(iso('2026/1/5 9:05:30')).toBe('2026-01-05T00:05:30.000Z');
    expect(iso('2026-01-05')).toBe('2026-01-04T15:00:00.000Z');
    expect(iso('20260105')).toBe('2026-01-04T15:00:00.000Z');
    expect(iso('2026年1月5日')).toBe('2026-01-04T15:00:00.000Z');
    expect(iso('２０２６／０１／０５　１３：４５')).toBe('2026-01-05T04:45:00.000Z');
  });

  it('honours an explicit offset and other timezones, DST included', () => {
    expect(iso('2026-01-05T13:45:00+09:00')).toBe('2026-01-05T04:45:00.000Z');
    expect(iso('2026-01-05T04:45:00Z')).toBe('2026-01-05T04:45:00.000Z');
    expect(iso('2026-07-01 12:00', 'America/New_York')).toBe('2026-07-01T16:00:00.000Z');
    expect(iso('2026-01-01 12:00', 'America/New_York')).toBe('2026-01-01T17:00:00.000Z');
    // The day clocks go forward (2:00 EST -> 3:00 EDT, 07:00 UTC): offsets change within the UTC day.
    expect(iso('2026-03-08 01:30', 'America/New_York')).toBe('2026-03-08T06:30:00.000Z');
    expect(iso('2026-03-08 12:00', 'America/New_York')).toBe('2026-03-08T16:00:00.000Z');
  });

  it('rejects impossible dates with the value in the message', () => {
    expect(iso('2026-02-30')).toBe('"2026-02-30" is not a calendar date');
    expect(iso('2026-13-01')).toBe('"2026-13-01" is not a calendar date');
    expect(iso('2026-01-05 25:00')).toBe('"2026-01-05 25:00" is not a time of day');
    expect(iso('yesterday')).toBe('"yesterday" is not a date (use YYYY-MM-DD or YYYY-MM-DD HH:mm)');
    expect(iso('2024-02-29')).toBe('2024-02-28T15:00:00.000Z');
  });

  it('keeps calendar dates free of timezones', () => {
    expect(parseCalendarDate('1990/4/1')).toEqual({ ok: true, value: '1990-04-01' });
    expect(parseCalendarDate('1990-04-01 10:00').ok).toBe(false);
  });
});

describe('numbers', () => {
  it('reads yen as spreadsheets write them', () => {
    expect(parseYen('1,200')).toEqual({ ok: true, value: 1200 });
    expect(parseYen('¥1,200')).toEqual({ ok: true, value: 1200 });
    expect(parseYen('１２００円')).toEqual({ ok: true, value: 1200 });
    expect(parseYen('-500')).toEqual({ ok: true, value: -500 });
    expect(parseYen('12.5')).toEqual({ ok: false, reason: '"12.5" has fractions of a yen' });
    expect(parseYen('-1', { min: 0 })).toEqual({ ok: false, reason: '"-1" is less than 0' });
  });

  it('bounds integers', () => {
    expect(parseInteger('3', { min: 1 })).toEqual({ ok: true, value: 3 });
    expect(parseInteger('0', { min: 1 })).toEqual({ ok: false, reason: '"0" is less than 1' });
    expect(parseInteger('three')).toEqual({ ok: false, reason: '"three" is not a whole number' });
    expect(parseInteger('99999999999')).toEqual({ ok: false, reason: '"99999999999" is too large' });
  });

  it('reads plain digits (the fast path) with the same bounds and messages as any other number', () => {
    const bounds = { min: 1, max: 100_000 };
    expect(parseInteger('007', bounds)).toEqual({ ok: true, value: 7 });
    expect(parseYen('1200', bounds)).toEqual({ ok: true, value: 1200 });
    expect(parseInteger('0', bounds)).toEqual({ ok: false, reason: '"0" is less than 1' });
    expect(parseYen('999999999', bounds)).toEqual({ ok: false, reason: '"999999999" is more than 100000' });
    expect(parseYen('1000000000', bounds)).toEqual({ ok: false, reason: '"1000000000" is more than 100000' });
    expect(parseYen('2147483648')).toEqual({ ok: false, reason: '"2147483648" is too large' });
    expect(parseInteger('12a')).toEqual({ ok: false, reason: '"12a" is not a whole number' });
    expect(parseInteger('')).toEqual({ ok: false, reason: '"" is not a whole number' });
  });

  it('reads flags', () => {
    expect(parseBoolean('TRUE')).toEqual({ ok: true, value: true });
    expect(parseBoolean('0')).toEqual({ ok: true, value: false });
    expect(parseBoolean('maybe').ok).toBe(false);
  });
});
