import { CUSTOMER_FIELDS, CUSTOM_ATTRIBUTE_PREFIX } from '../../catalogue/customer-fields';
import { findField } from '../../catalogue/field-definition';
import { customAttributeComparisonSchema } from '../../schema/comparison.schema';
import type { AttributeCondition } from '../../schema/profile-conditions.schema';
import { numberComparisonSql, numericText, textComparisonSql } from '../comparison-sql';
import { fieldComparisonSql } from '../field-comparison-sql';
import { requireField } from '../require-field';
import type { RuleSqlContext } from '../rule-sql-context';
import { CUSTOMER_OPERANDS } from '../operands';

/** A profile column of `customer c`, or a custom attribute read from `c.attributes` by a bound key. */
export function attributeSql(condition: AttributeCondition, ctx: RuleSqlContext): string {
  if (findField(CUSTOMER_FIELDS, condition.field)) {
    const { field, operand } = requireField(CUSTOMER_FIELDS, CUSTOMER_OPERANDS, condition.field);
    return fieldComparisonSql(field, operand, condition, ctx);
  }
  const key = ctx.bind(condition.field.slice(CUSTOM_ATTRIBUTE_PREFIX.length), 'text');
  const operand = `(c.attributes ->> ${key})`;
  const comparison = customAttributeComparisonSchema.parse({ operator: condition.operator, value: condition.value });
  switch (comparison.operator) {
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
    case 'between':
      return numberComparisonSql(numericText(operand), 'numeric', comparison, ctx);
    default:
      return textComparisonSql(operand, comparison, ctx);
  }
}
