import { z } from 'zod';
import { SEGMENT_RULE_LIMITS } from './limits';

const { maxTextLength, maxListValues, maxDays } = SEGMENT_RULE_LIMITS;

/** A schema's own message for a wrong value; a missing one reads "is required" everywhere. */
export function expecting(message: string): (issue: { input?: unknown }) => string {
  return (issue) => (issue.input === undefined ? 'is required' : message);
}

/**
 * A text value of a rule: a name, a key, a value to compare with. PostgreSQL text cannot hold the
 * NUL character (the query would fail for every customer), so it is refused here.
 */
export const ruleText = z
  .string({ error: expecting('must be text') })
  .min(1, { error: 'must not be empty' })
  .max(maxTextLength, { error: `must be at most ${maxTextLength} characters` })
  .refine((text) => !text.includes('\u0000'), { error: 'must not contain the NUL character' });

export function ruleTextList<T extends z.ZodType<string>>(item: T) {
  return z
    .array(item, { error: expecting('must be a list') })
    .min(1, { error: 'needs at least one value' })
    .max(maxListValues, { error: `takes at most ${maxListValues} values` });
}

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isCalendarDate(text: string): boolean {
  const match = CALENDAR_DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A day of the calendar as the editor's date pickers write it (no time, no timezone). */
export const calendarDate = z
  .string({ error: expecting('must be a date as YYYY-MM-DD') })
  .regex(CALENDAR_DATE, { error: 'must be a date as YYYY-MM-DD', abort: true })
  .refine(isCalendarDate, { error: (issue) => `${JSON.stringify(issue.input)} is not a calendar date` });

export const dayCount = z
  .number({ error: expecting('must be a number of days') })
  .int({ error: 'must be a whole number of days' })
  .min(1, { error: `must be between 1 and ${maxDays} days` })
  .max(maxDays, { error: `must be between 1 and ${maxDays} days` });

/** What a rule may hold as a comparison value before its field says which shape it must have. */
export const ruleValue = z.union([z.string(), z.number(), z.array(z.union([z.string(), z.number()]))], {
  error: expecting('must be text, a number or a list of them'),
});
export type RuleValue = z.infer<typeof ruleValue>;

/**
 * When purchases or events count: the last N days before the reference time, or calendar days
 * (inclusive, in the workspace timezone).
 */
export const timeWindow = z
  .object({ lastDays: dayCount.optional(), from: calendarDate.optional(), to: calendarDate.optional() })
  .strict()
  .superRefine((window, ctx) => {
    const calendar = window.from !== undefined || window.to !== undefined;
    if (window.lastDays !== undefined && calendar) {
      ctx.addIssue({ code: 'custom', message: 'use either lastDays or from/to, not both' });
    } else if (window.lastDays === undefined && !calendar) {
      ctx.addIssue({ code: 'custom', message: 'a window needs lastDays, or from and/or to' });
    } else if (window.from !== undefined && window.to !== undefined && window.from > window.to) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: `must not be before from (${window.from})` });
    }
  });
export type TimeWindow = z.infer<typeof timeWindow>;
