import type { DateComparison } from '../schema/comparison.schema';
import type { Operand } from './operands';
import type { RuleSqlContext } from './rule-sql-context';

/**
 * Date comparisons. Values are calendar days of the workspace: on an instant column (`timestamptz`)
 * a day is the half-open range of its first instants in the workspace timezone, which keeps the
 * column bare (index-friendly); on a `date` column days compare directly. `within_last_days` and
 * `more_than_days_ago` count 24-hour days back from the reference time.
 */
export function dateComparisonSql(operand: Operand, comparison: DateComparison, ctx: RuleSqlContext): string {
  return operand.type === 'date'
    ? calendarComparisonSql(operand.sql, comparison, ctx)
    : instantComparisonSql(operand.sql, comparison, ctx);
}

function instantComparisonSql(column: string, comparison: DateComparison, ctx: RuleSqlContext): string {
  switch (comparison.operator) {
    case 'before':
      return `${column} < ${ctx.dayStart(ctx.bind(comparison.value, 'date'))}`;
    case 'after':
      return `${column} >= ${ctx.dayEnd(ctx.bind(comparison.value, 'date'))}`;
    case 'on': {
      const day = ctx.bind(comparison.value, 'date');
      return `(${column} >= ${ctx.dayStart(day)} AND ${column} < ${ctx.dayEnd(day)})`;
    }
    case 'between': {
      const [from, to] = comparison.value;
      const first = ctx.bind(from, 'date');
      const last = ctx.bind(to, 'date');
      return `(${column} >= ${ctx.dayStart(first)} AND ${column} < ${ctx.dayEnd(last)})`;
    }
    case 'within_last_days': {
      const since = ctx.daysBeforeReference(comparison.value);
      return `(${column} >= ${since} AND ${column} <= ${ctx.reference})`;
    }
    case 'more_than_days_ago':
      return `${column} < ${ctx.daysBeforeReference(comparison.value)}`;
    case 'is_set':
      return `${column} IS NOT NULL`;
    case 'is_not_set':
      return `${column} IS NULL`;
  }
}

function calendarComparisonSql(column: string, comparison: DateComparison, ctx: RuleSqlContext): string {
  switch (comparison.operator) {
    case 'before':
      return `${column} < ${ctx.bind(comparison.value, 'date')}`;
    case 'after':
      return `${column} > ${ctx.bind(comparison.value, 'date')}`;
    case 'on':
      return `${column} = ${ctx.bind(comparison.value, 'date')}`;
    case 'between': {
      const [from, to] = comparison.value;
      return `${column} BETWEEN ${ctx.bind(from, 'date')} AND ${ctx.bind(to, 'date')}`;
    }
    case 'within_last_days': {
      const since = ctx.localDate(ctx.daysBeforeReference(comparison.value));
      return `${column} BETWEEN ${since} AND ${ctx.localDate(ctx.reference)}`;
    }
    case 'more_than_days_ago':
      return `${column} < ${ctx.localDate(ctx.daysBeforeReference(comparison.value))}`;
    case 'is_set':
      return `${column} IS NOT NULL`;
    case 'is_not_set':
      return `${column} IS NULL`;
  }
}
