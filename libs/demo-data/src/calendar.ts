/**
 * Civil-date arithmetic on day numbers (days since 1970-01-01), with no Date objects: the generator
 * must give the same bytes in every process timezone, and all of its times are Asia/Tokyo wall-clock
 * times (UTC+9 with no daylight saving since 1951), so a day number plus a second of the day is exact.
 * Algorithms from Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms".
 */

export const SECONDS_PER_DAY = 86_400;

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

export function civilFromDays(days: number): CivilDate {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function daysInMonth(year: number, month: number): number {
  return daysFromCivil(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) - daysFromCivil(year, month, 1);
}

/** Parses a strict 'YYYY-MM-DD' into a day number, or undefined when it is not a real date. */
export function parseIsoDate(text: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return daysFromCivil(year, month, day);
}

function pad2(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

export function isoDate(days: number): string {
  const { year, month, day } = civilFromDays(days);
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(days: number): number {
  return (((days + 4) % 7) + 7) % 7;
}

let timeLabels: string[] | undefined;

/** 'HH:mm:ss' for every second of the day, built once: formatting is the hot loop's main cost otherwise. */
export function timeOfDayLabels(): readonly string[] {
  if (!timeLabels) {
    const labels = new Array<string>(SECONDS_PER_DAY);
    for (let second = 0; second < SECONDS_PER_DAY; second++) {
      const hour = Math.floor(second / 3600);
      const minute = Math.floor(second / 60) % 60;
      labels[second] = `${pad2(hour)}:${pad2(minute)}:${pad2(second % 60)}`;
    }
    timeLabels = labels;
  }
  return timeLabels;
}

/**
 * The history window: `dayCount` days ending at `asOf` inclusive. Days are addressed by their index in
 * the window (0 = first day), and every label is precomputed.
 */
export class HistoryCalendar {
  readonly firstDay: number;
  readonly dayCount: number;
  /** Index of the last day (asOf). */
  readonly lastIndex: number;
  private readonly dayLabels: string[];
  private readonly dateTimePrefixes: string[];
  private readonly times: readonly string[];
  private readonly months: Uint8Array;
  private readonly daysOfMonth: Uint8Array;
  private readonly weekdays: Uint8Array;

  constructor(asOfDay: number, years: number) {
    const asOf = civilFromDays(asOfDay);
    const startYear = asOf.year - years;
    // Same calendar day `years` earlier, clamped for 29 February; the window starts the day after it.
    const anniversary = daysFromCivil(startYear, asOf.month, Math.min(asOf.day, daysInMonth(startYear, asOf.month)));
    this.firstDay = anniversary + 1;
    this.dayCount = asOfDay - this.firstDay + 1;
    this.lastIndex = this.dayCount - 1;
    this.dayLabels = [];
    this.dateTimePrefixes = [];
    this.months = new Uint8Array(this.dayCount);
    this.daysOfMonth = new Uint8Array(this.dayCount);
    this.weekdays = new Uint8Array(this.dayCount);
    for (let index = 0; index < this.dayCount; index++) {
      const days = this.firstDay + index;
      const civil = civilFromDays(days);
      const label = isoDate(days);
      this.dayLabels.push(label);
      this.dateTimePrefixes.push(`${label} `);
      this.months[index] = civil.month;
      this.daysOfMonth[index] = civil.day;
      this.weekdays[index] = weekday(days);
    }
    this.times = timeOfDayLabels();
  }

  date(dayIndex: number): string {
    const label = this.dayLabels[dayIndex];
    if (label === undefined) throw new RangeError(`day ${dayIndex} is outside the history window`);
    return label;
  }

  /** 'YYYY-MM-DD HH:mm:ss', Asia/Tokyo wall-clock time. */
  dateTime(dayIndex: number, second: number): string {
    const prefix = this.dateTimePrefixes[dayIndex];
    const time = this.times[second];
    if (prefix === undefined || time === undefined) {
      throw new RangeError(`day ${dayIndex} second ${second} is outside the history window`);
    }
    return prefix + time;
  }

  month(dayIndex: number): number {
    return this.months[dayIndex] ?? 0;
  }

  dayOfMonth(dayIndex: number): number {
    return this.daysOfMonth[dayIndex] ?? 0;
  }

  weekday(dayIndex: number): number {
    return this.weekdays[dayIndex] ?? 0;
  }
}
