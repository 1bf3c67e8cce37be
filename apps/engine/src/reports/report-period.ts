import { ValidationFailedError } from '@kizuna/shared';
import { z } from 'zod';

export interface ReportPeriod {
  from: Date;
  /** Exclusive. */
  to: Date;
}

const DAY_MS = 86_400_000;

/** Offset of `timeZone` from UTC at `at`, in milliseconds (Asia/Tokyo: +9 h). */
function offsetMs(at: Date, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  const wall = Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!);
  return wall - Math.floor(at.getTime() / 1000) * 1000;
}

/** Midnight at the start of the local day `date` (YYYY-MM-DD) in `timeZone`. */
export function startOfLocalDay(date: string, timeZone: string): Date {
  const utcMidnight = new Date(`${date}T00:00:00Z`);
  // Twice: the offset at the guess is the offset at midnight except across a DST change.
  let at = new Date(utcMidnight.getTime() - offsetMs(utcMidnight, timeZone));
  at = new Date(utcMidnight.getTime() - offsetMs(at, timeZone));
  return at;
}

/**
 * The last full week before `now` in the workspace's timezone, Monday 00:00 to the next Monday
 * 00:00 (ISO weeks, as Japanese retail reports them): the default of the weekly report.
 */
export function lastFullWeek(now: Date, timeZone: string): ReportPeriod {
  const local = new Date(now.getTime() + offsetMs(now, timeZone));
  const daysSinceMonday = (local.getUTCDay() + 6) % 7;
  const thisMonday = new Date(local.getTime() - daysSinceMonday * DAY_MS).toISOString().slice(0, 10);
  const to = startOfLocalDay(thisMonday, timeZone);
  const lastMonday = new Date(Date.parse(`${thisMonday}T00:00:00Z`) - 7 * DAY_MS).toISOString().slice(0, 10);
  return { from: startOfLocalDay(lastMonday, timeZone), to };
}

const dateOrInstant = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

export const PeriodQuerySchema = z
  .object({
    from: dateOrInstant
      .optional()
      .describe('first day (YYYY-MM-DD, workspace timezone) or instant; default: last full week'),
    to: dateOrInstant.optional().describe('day after the last (exclusive) or instant'),
  })
  .strict();

export type PeriodQuery = z.infer<typeof PeriodQuerySchema>;

function instant(value: string, timeZone: string): Date {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? startOfLocalDay(value, timeZone) : new Date(value);
}

/** from/to as given (dates are local midnights), or the last full week; `from` must precede `to`. */
export function resolvePeriod(query: PeriodQuery, now: Date, timeZone: string, field = 'from'): ReportPeriod {
  if (!query.from && !query.to) return lastFullWeek(now, timeZone);
  const week = lastFullWeek(now, timeZone);
  const from = query.from
    ? instant(query.from, timeZone)
    : new Date((query.to ? instant(query.to, timeZone) : week.to).getTime() - 7 * DAY_MS);
  const to = query.to ? instant(query.to, timeZone) : new Date(from.getTime() + 7 * DAY_MS);
  if (!(from < to)) {
    throw new ValidationFailedError('The period is empty', [{ field, message: 'must be before "to"' }]);
  }
  return { from, to };
}
