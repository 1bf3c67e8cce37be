import { addCalendarDays, addDuration, endOfQuietHours, minutesOfDay, nextWallClockTime } from './zoned-time';

const TOKYO = 'Asia/Tokyo';
const NEW_YORK = 'America/New_York';
const iso = (date: Date) => date.toISOString();

describe('minutesOfDay', () => {
  it('reads HH:MM as minutes after midnight', () => {
    expect(minutesOfDay('00:00')).toBe(0);
    expect(minutesOfDay('09:30')).toBe(570);
    expect(minutesOfDay('23:59')).toBe(1439);
  });
});

describe('nextWallClockTime', () => {
  /** Sunday 2026-04-05 23:00 JST. */
  const sunday23 = new Date('2026-04-05T14:00:00.000Z');

  it('finds the next Monday 09:00 in Tokyo from a Sunday night', () => {
    expect(iso(nextWallClockTime(sunday23, '09:00', [1], TOKYO))).toBe('2026-04-06T00:00:00.000Z');
  });

  it('returns the instant itself when it is the time, and a week later just after it', () => {
    const monday9 = new Date('2026-04-06T00:00:00.000Z');
    expect(iso(nextWallClockTime(monday9, '09:00', [1], TOKYO))).toBe('2026-04-06T00:00:00.000Z');
    expect(iso(nextWallClockTime(new Date('2026-04-06T00:00:00.001Z'), '09:00', [1], TOKYO))).toBe(
      '2026-04-13T00:00:00.000Z',
    );
  });

  it('takes any day when no weekdays are given', () => {
    expect(iso(nextWallClockTime(sunday23, '09:00', [], TOKYO))).toBe('2026-04-06T00:00:00.000Z');
    expect(iso(nextWallClockTime(sunday23, '23:30', [], TOKYO))).toBe('2026-04-05T14:30:00.000Z');
  });

  it('reads weekdays in the zone, 0 being Sunday', () => {
    // 23:00 JST Sunday is still Sunday 14:00 in UTC; in Tokyo the next Sunday 08:00 is a week away.
    expect(iso(nextWallClockTime(sunday23, '08:00', [0], TOKYO))).toBe('2026-04-11T23:00:00.000Z');
    expect(iso(nextWallClockTime(sunday23, '10:00', [2, 4], TOKYO))).toBe('2026-04-07T01:00:00.000Z');
    expect(iso(nextWallClockTime(sunday23, '10:00', [6], TOKYO))).toBe('2026-04-11T01:00:00.000Z');
  });

  it('keeps the wall-clock time across a DST change', () => {
    // Saturday 2026-03-07 12:00 EST; clocks go forward on Sunday the 8th: Monday 09:00 is EDT (13:00 UTC).
    expect(iso(nextWallClockTime(new Date('2026-03-07T17:00:00.000Z'), '09:00', [1], NEW_YORK))).toBe(
      '2026-03-09T13:00:00.000Z',
    );
  });
});

describe('endOfQuietHours', () => {
  const overnight = { start: '21:00', end: '08:00' };
  /** `HH:MM:SS` on Monday 2026-04-06 JST (JST is UTC+9 all year). */
  const jst = (time: string, day = '2026-04-06') => new Date(`${day}T${time}+09:00`);

  it('lets a message out when there are no quiet hours or an empty window', () => {
    const at = jst('23:00:00');
    expect(endOfQuietHours(at, null, TOKYO)).toBe(at);
    expect(endOfQuietHours(at, { start: '22:00', end: '22:00' }, TOKYO)).toBe(at);
  });

  it('holds a message from 21:00 until 08:00, across midnight', () => {
    expect(iso(endOfQuietHours(jst('20:59:59'), overnight, TOKYO))).toBe('2026-04-06T11:59:59.000Z');
    expect(iso(endOfQuietHours(jst('21:00:00'), overnight, TOKYO))).toBe('2026-04-06T23:00:00.000Z');
    expect(iso(endOfQuietHours(jst('22:30:00'), overnight, TOKYO))).toBe('2026-04-06T23:00:00.000Z');
    expect(iso(endOfQuietHours(jst('00:30:00', '2026-04-07'), overnight, TOKYO))).toBe('2026-04-06T23:00:00.000Z');
    expect(iso(endOfQuietHours(jst('07:59:59', '2026-04-07'), overnight, TOKYO))).toBe('2026-04-06T23:00:00.000Z');
    expect(iso(endOfQuietHours(jst('08:00:00', '2026-04-07'), overnight, TOKYO))).toBe('2026-04-06T23:00:00.000Z');
  });

  it('holds a message within a window that does not span midnight', () => {
    const lunch = { start: '12:00', end: '13:00' };
    expect(iso(endOfQuietHours(jst('11:59:00'), lunch, TOKYO))).toBe('2026-04-06T02:59:00.000Z');
    expect(iso(endOfQuietHours(jst('12:00:00'), lunch, TOKYO))).toBe('2026-04-06T04:00:00.000Z');
    expect(iso(endOfQuietHours(jst('12:59:59'), lunch, TOKYO))).toBe('2026-04-06T04:00:00.000Z');
    expect(iso(endOfQuietHours(jst('13:00:00'), lunch, TOKYO))).toBe('2026-04-06T04:00:00.000Z');
    expect(iso(endOfQuietHours(jst('22:00:00'), lunch, TOKYO))).toBe('2026-04-06T13:00:00.000Z');
  });
});

describe('addCalendarDays', () => {
  it('moves by days of the zone, at the given time', () => {
    // 01:00 JST on Monday the 6th is still Sunday the 5th in UTC: the next day is Tuesday the 7th.
    const mondayEarly = new Date('2026-04-05T16:00:00.000Z');
    expect(iso(addCalendarDays(mondayEarly, 1, TOKYO, '09:00'))).toBe('2026-04-07T00:00:00.000Z');
    expect(iso(addCalendarDays(mondayEarly, 1, TOKYO))).toBe('2026-04-06T16:00:00.000Z');
    expect(iso(addCalendarDays(mondayEarly, -3, TOKYO, '10:00'))).toBe('2026-04-03T01:00:00.000Z');
  });

  it('keeps the wall-clock time across a DST change', () => {
    expect(iso(addCalendarDays(new Date('2026-03-07T17:00:00.000Z'), 7, NEW_YORK))).toBe('2026-03-14T16:00:00.000Z');
  });
});

describe('addDuration', () => {
  /** Sunday 2026-03-08 01:00 EST: at 02:00 New York clocks go forward to 03:00 EDT. */
  const beforeSpringForward = new Date('2026-03-08T06:00:00.000Z');

  it('adds minutes and hours as elapsed time', () => {
    expect(iso(addDuration(beforeSpringForward, { amount: 90, unit: 'minutes' }, NEW_YORK))).toBe(
      '2026-03-08T07:30:00.000Z',
    );
    expect(iso(addDuration(beforeSpringForward, { amount: 24, unit: 'hours' }, NEW_YORK))).toBe(
      '2026-03-09T06:00:00.000Z',
    );
  });

  it('adds days and weeks as calendar days: 01:00 stays 01:00 across the change', () => {
    expect(iso(addDuration(beforeSpringForward, { amount: 1, unit: 'days' }, NEW_YORK))).toBe(
      '2026-03-09T05:00:00.000Z',
    );
    expect(iso(addDuration(beforeSpringForward, { amount: 2, unit: 'weeks' }, NEW_YORK))).toBe(
      '2026-03-22T05:00:00.000Z',
    );
    expect(iso(addDuration(new Date('2026-04-06T01:00:00.000Z'), { amount: 3, unit: 'days' }, TOKYO))).toBe(
      '2026-04-09T01:00:00.000Z',
    );
  });
});
