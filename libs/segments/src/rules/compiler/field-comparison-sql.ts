import type { FieldDefinition } from '../catalogue/field-definition';
import type { RawComparison } from '../schema/comparison-check';
import {
  booleanComparisonSchema,
  dateComparisonSchema,
  numberComparisonSchema,
  textComparisonSchema,
} from '../schema/comparison.schema';
import { booleanComparisonSql, numberComparisonSql, textComparisonSql } from './comparison-sql';
import { dateComparisonSql } from './date-comparison-sql';
import type { Operand } from './operands';
import type { RuleSqlContext } from './rule-sql-context';

// The rule was validated against the field's own (bounded) schema; these only give the value its
// type for the compiler.
const anyText = textComparisonSchema();
const anyNumber = numberComparisonSchema();

/** `operand <operator> value` for a catalogue field, typed by the field. */
export function fieldComparisonSql(
  field: FieldDefinition,
  operand: Operand,
  comparison: RawComparison,
  ctx: RuleSqlContext,
): string {
  const { operator, value } = comparison;
  switch (field.type) {
    case 'string':
    case 'enum':
      return textComparisonSql(operand.sql, anyText.parse({ operator, value }), ctx);
    case 'number':
      return numberComparisonSql(operand.sql, operand.type, anyNumber.parse({ operator, value }), ctx);
    case 'date':
      return dateComparisonSql(operand, dateComparisonSchema.parse({ operator, value }), ctx);
    case 'boolean':
      return booleanComparisonSql(operand.sql, booleanComparisonSchema.parse({ operator, value }));
  }
}
