import type { BooleanComparison, NumberComparison, TextComparison } from '../schema/comparison.schema';
import type { RuleSqlContext, SqlType } from './rule-sql-context';

const ORDER_COMPARATORS = { eq: '=', neq: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

/**
 * Text comparisons. `contains` and `starts_with` use strpos / starts_with rather than LIKE, so `%`
 * and `_` in a value are plain characters. An empty string counts as not set (forms send '' for
 * "no value").
 */
export function textComparisonSql(operand: string, comparison: TextComparison, ctx: RuleSqlContext): string {
  switch (comparison.operator) {
    case 'eq':
      return `${operand} = ${ctx.bind(comparison.value, 'text')}`;
    case 'neq':
      return `${operand} <> ${ctx.bind(comparison.value, 'text')}`;
    case 'contains':
      return `strpos(${operand}, ${ctx.bind(comparison.value, 'text')}) > 0`;
    case 'starts_with':
      return `starts_with(${operand}, ${ctx.bind(comparison.value, 'text')})`;
    case 'in':
      return `${operand} = ANY(${ctx.bind(comparison.value, 'text[]')})`;
    case 'not_in':
      return `${operand} <> ALL(${ctx.bind(comparison.value, 'text[]')})`;
    case 'is_set':
      return `nullif(${operand}, '') IS NOT NULL`;
    case 'is_not_set':
      return `nullif(${operand}, '') IS NULL`;
  }
}

export function numberComparisonSql(
  operand: string,
  type: SqlType,
  comparison: NumberComparison,
  ctx: RuleSqlContext,
): string {
  switch (comparison.operator) {
    case 'between': {
      const [from, to] = comparison.value;
      return `${operand} BETWEEN ${ctx.bind(from, type)} AND ${ctx.bind(to, type)}`;
    }
    case 'is_set':
      return `${operand} IS NOT NULL`;
    case 'is_not_set':
      return `${operand} IS NULL`;
    default:
      return `${operand} ${ORDER_COMPARATORS[comparison.operator]} ${ctx.bind(comparison.value, type)}`;
  }
}

export function booleanComparisonSql(operand: string, comparison: BooleanComparison): string {
  return comparison.operator === 'is_true' ? `${operand} IS TRUE` : `${operand} IS FALSE`;
}

// JSON values are often numbers written as text (CSV `attr_*` columns): read those as numbers and
// anything else as no number, so one odd value cannot make `::numeric` fail the whole query.
const NUMERIC_TEXT = `'^-?[0-9]+([.][0-9]+)?$'`;

/** A text expression as a number where it holds one, else NULL. */
export function numericText(operand: string): string {
  return `CASE WHEN ${operand} ~ ${NUMERIC_TEXT} THEN ${operand}::numeric END`;
}
