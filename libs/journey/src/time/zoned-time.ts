import { DateTime } from 'luxon';

/** "HH:MM" -> minutes after midnight. */
export function minutesOfDay(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

/**
 * The first instant at or after `from` that is `time` (wall clock in `timeZone`) on one of
 * `weekdays` (0 = Sunday; empty: any day). Wall-clock arithmetic through luxon, so a day is a
 * calendar day in the customer's zone, not 24 hours of UTC.
 */
export function nextWallClockTime(from: Date, time: string, weekdays: readonly number[], timeZone: string): Date {
  const start = DateTime.fromJSDate(from, { zone: timeZone });
  const minutes = minutesOfDay(time);
  for (let dayOffset = 0; dayOffset <= 7; dayOffset++) {
    const candidate = start
      .plus({ days: dayOffset })
      .set({ hour: Math.floor(minutes / 60), minute: minutes % 60, second: 0, millisecond: 0 });
    const weekday = candidate.weekday % 7; // luxon: 1 = Monday ... 7 = Sunday
    if (candidate < start) continue;
    if (weekdays.length && !weekdays.includes(weekday)) continue;
    return candidate.toJSDate();
  }
  throw new RangeError(`no ${time} on weekdays ${weekdays.join(',')} within a week of ${from.toISOString()}`);
}

export interface QuietHours {
  /** Wall-clock start and end ("21:00" to "08:00" spans midnight). */
  start: string;
  end: string;
}

/**
 * When a message may go out: `at` itself outside quiet hours, else the end of the quiet window
 * (the next `end` wall-clock time in `timeZone`).
 */
export function endOfQuietHours(at: Date, quietHours: QuietHours | null, timeZone: string): Date {
  if (!quietHours) return at;
  const start = minutesOfDay(quietHours.start);
  const end = minutesOfDay(quietHours.end);
  if (start === end) return at;
  const local = DateTime.fromJSDate(at, { zone: timeZone });
  const now = local.hour * 60 + local.minute;
  const quiet = start < end ? now >= start && now < end : now >= start || now < end;
  return quiet ? nextWallClockTime(at, quietHours.end, [], timeZone) : at;
}

/** `at` plus a number of calendar days in `timeZone`, at `time` when given. */
export function addCalendarDays(at: Date, days: number, timeZone: string, time?: string): Date {
  let moved = DateTime.fromJSDate(at, { zone: timeZone }).plus({ days });
  if (time !== undefined) {
    const minutes = minutesOfDay(time);
    moved = moved.set({ hour: Math.floor(minutes / 60), minute: minutes % 60, second: 0, millisecond: 0 });
  }
  return moved.toJSDate();
}

const UNIT_MS = { minutes: 60_000, hours: 3_600_000 } as const;

/** `at` plus a duration: minutes and hours as elapsed time, days and weeks as calendar days. */
export function addDuration(
  at: Date,
  duration: { amount: number; unit: 'minutes' | 'hours' | 'days' | 'weeks' },
  timeZone: string,
): Date {
  if (duration.unit === 'minutes' || duration.unit === 'hours') {
    return new Date(at.getTime() + duration.amount * UNIT_MS[duration.unit]);
  }
  const days = duration.unit === 'weeks' ? duration.amount * 7 : duration.amount;
  return DateTime.fromJSDate(at, { zone: timeZone }).plus({ days }).toJSDate();
}
