import { civilFromDays, daysFromCivil, HistoryCalendar, isoDate, parseIsoDate, weekday } from './calendar';

describe('civil dates', () => {
  it('converts dates to day numbers and back', () => {
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(daysFromCivil(2000, 3, 1)).toBe(11_017);
    expect(daysFromCivil(2026, 11, 22)).toBe(20_779);
    expect(civilFromDays(20_779)).toEqual({ year: 2026, month: 11, day: 22 });
    expect(isoDate(daysFromCivil(1899, 12, 31))).toBe('1899-12-31');
    for (let days = -800_000; days < 800_000; days += 997) {
      const { year, month, day } = civilFromDays(days);
      expect(daysFromCivil(year, month, day)).toBe(days);
    }
  });

  it('parses only real YYYY-MM-DD dates', () => {
    expect(parseIsoDate('2024-02-29')).toBe(daysFromCivil(2024, 2, 29));
    expect(parseIsoDate('2025-02-29')).toBeUndefined();
    expect(parseIsoDate('2025-13-01')).toBeUndefined();
    expect(parseIsoDate('2025/01/01')).toBeUndefined();
  });

  it('knows the day of the week', () => {
    expect(weekday(daysFromCivil(2026, 11, 22))).toBe(0); // a Sunday
    expect(weekday(daysFromCivil(1969, 12, 31))).toBe(3);
  });
});

describe('HistoryCalendar', () => {
  it('covers `years` years ending at asOf', () => {
    const calendar = new HistoryCalendar(daysFromCivil(2026, 11, 22), 2);
    expect(calendar.dayCount).toBe(730);
    expect(calendar.date(0)).toBe('2024-11-23');
    expect(calendar.date(calendar.lastIndex)).toBe('2026-11-22');
    expect(calendar.dateTime(calendar.lastIndex, 86_399)).toBe('2026-11-22 23:59:59');
    expect(calendar.dateTime(0, 3_723)).toBe('2024-11-23 01:02:03');
    expect(calendar.month(0)).toBe(11);
    expect(calendar.dayOfMonth(calendar.lastIndex)).toBe(22);
    expect(() => calendar.date(730)).toThrow(RangeError);
  });

  it('clamps 29 February when the window starts in a common year', () => {
    const calendar = new HistoryCalendar(daysFromCivil(2024, 2, 29), 1);
    expect(calendar.date(0)).toBe('2023-03-01');
    expect(calendar.dayCount).toBe(366);
  });
});
