import type { FieldDefinition } from '../catalogue/field-definition';
import type { RawComparison } from '../schema/comparison-check';
import { fieldComparisonSql } from './field-comparison-sql';
import type { Operand } from './operands';
import type { RuleSqlContext } from './rule-sql-context';

/**
 * A comparison on a row the customer may not have (metrics, a preference, a model score). A missing
 * row has no value: it matches nothing but `is_not_set`, which reads "no row where it is set".
 * `keys` are the row's lookup predicates, bound before the comparison so placeholders run in text
 * order.
 */
export function optionalRowSql(
  from: string,
  keys: readonly string[],
  field: FieldDefinition,
  operand: Operand,
  comparison: RawComparison,
  ctx: RuleSqlContext,
): string {
  if (comparison.operator === 'is_not_set') {
    const isSet = fieldComparisonSql(field, operand, { operator: 'is_set' }, ctx);
    return `NOT EXISTS (SELECT 1 FROM ${from} WHERE ${[...keys, isSet].join(' AND ')})`;
  }
  const matches = fieldComparisonSql(field, operand, comparison, ctx);
  return `EXISTS (SELECT 1 FROM ${from} WHERE ${[...keys, matches].join(' AND ')})`;
}
