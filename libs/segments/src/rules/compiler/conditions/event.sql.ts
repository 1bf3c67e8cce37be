import { EVENT_COUNT } from '../../catalogue/measures';
import type { EventCondition, PropertyFilter } from '../../schema/activity-conditions.schema';
import { numberComparisonSql, numericText, textComparisonSql } from '../comparison-sql';
import { fieldComparisonSql } from '../field-comparison-sql';
import { EVENT_COUNT_OPERAND } from '../operands';
import type { RuleSqlContext } from '../rule-sql-context';
import { timeWindowSql } from '../time-window-sql';

/** A property read by a bound key: `eq`/`neq`/`contains` as text, order operators as a number. */
function propertySql(filter: PropertyFilter, ctx: RuleSqlContext): string {
  const operand = `(e.properties ->> ${ctx.bind(filter.key, 'text')})`;
  const { operator, value } = filter;
  switch (operator) {
    case 'eq':
    case 'neq':
    case 'contains':
      return textComparisonSql(operand, { operator, value }, ctx);
    default:
      return numberComparisonSql(numericText(operand), 'numeric', { operator, value }, ctx);
  }
}

/**
 * Events through the (workspace_id, customer_id, occurred_at) index. Without `count` it is "did it
 * at least once" (a plain EXISTS); with one, a HAVING over count(*), so "count = 0" holds for
 * customers without such events.
 */
export function eventSql(condition: EventCondition, ctx: RuleSqlContext): string {
  const where = [
    `e.workspace_id = ${ctx.workspace}`,
    'e.customer_id = c.id',
    `e.name = ${ctx.bind(condition.name, 'text')}`,
    ...timeWindowSql('e.occurred_at', condition.window, ctx),
    ...(condition.properties ?? []).map((filter) => propertySql(filter, ctx)),
  ];
  const events = `SELECT 1 FROM event e WHERE ${where.join(' AND ')}`;
  if (!condition.count) return `EXISTS (${events})`;
  return `EXISTS (${events} HAVING ${fieldComparisonSql(EVENT_COUNT, EVENT_COUNT_OPERAND, condition.count, ctx)})`;
}
