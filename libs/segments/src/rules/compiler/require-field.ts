import type { FieldDefinition } from '../catalogue/field-definition';
import { findField } from '../catalogue/field-definition';
import { operandOf, type Operand } from './operands';

/**
 * The definition and SQL operand of a field the rule names. Validation has vouched for the name;
 * a miss here means the catalogue and the operands disagree, a bug worth failing loudly on.
 */
export function requireField(
  fields: readonly FieldDefinition[],
  operands: Readonly<Record<string, Operand>>,
  name: string,
): { field: FieldDefinition; operand: Operand } {
  const field = findField(fields, name);
  const operand = operandOf(operands, name);
  if (!field || !operand) throw new Error(`segment rule field "${name}" has no SQL operand`);
  return { field, operand };
}
