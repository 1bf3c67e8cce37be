import { CronExpressionParser } from 'cron-parser';

/** A parsed cron expression in a timezone, or why it is not one. */
export type CronSchedule =
  { ok: true; expression: string; timeZone: string; next: (after: Date) => Date } | { ok: false; reason: string };

/**
 * Five fields (minute hour day-of-month month day-of-week) evaluated in the workspace's timezone:
 * "0 9 * * 1" is Monday 09:00 in Tokyo whatever the server's zone. Seconds are refused: nothing
 * in Kizuna needs to run more than once a minute, and a six-field typo would fire 60 times as often.
 */
export function parseCronSchedule(expression: string, timeZone: string): CronSchedule {
  const trimmed = expression.trim().replace(/\s+/g, ' ');
  const fields = trimmed.split(' ');
  if (!trimmed.startsWith('@') && fields.length !== 5) {
    return {
      ok: false,
      reason: `"${expression}" has ${fields.length} fields; a schedule needs 5: minute hour day-of-month month day-of-week`,
    };
  }
  if (trimmed === '@secondly' || trimmed === '@minutely') {
    return { ok: false, reason: `"${expression}" is more often than once a minute` };
  }
  try {
    // Parsed once here to report a bad expression when it is saved, not when it first fires.
    CronExpressionParser.parse(trimmed, { tz: timeZone });
  } catch (error) {
    return { ok: false, reason: `"${expression}" is not a cron expression: ${(error as Error).message}` };
  }
  return {
    ok: true,
    expression: trimmed,
    timeZone,
    next: (after: Date) => CronExpressionParser.parse(trimmed, { tz: timeZone, currentDate: after }).next().toDate(),
  };
}
