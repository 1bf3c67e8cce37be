import type { TimeWindow } from '../schema/values.schema';
import type { RuleSqlContext } from './rule-sql-context';

/** Bounds of `column` (an instant) for a window: `lastDays` up to the reference time, or calendar days. */
export function timeWindowSql(column: string, window: TimeWindow | undefined, ctx: RuleSqlContext): string[] {
  if (!window) return [];
  if (window.lastDays !== undefined) {
    return [`${column} >= ${ctx.daysBeforeReference(window.lastDays)}`, `${column} <= ${ctx.reference}`];
  }
  const bounds: string[] = [];
  if (window.from !== undefined) bounds.push(`${column} >= ${ctx.dayStart(ctx.bind(window.from, 'date'))}`);
  if (window.to !== undefined) bounds.push(`${column} < ${ctx.dayEnd(ctx.bind(window.to, 'date'))}`);
  return bounds;
}
