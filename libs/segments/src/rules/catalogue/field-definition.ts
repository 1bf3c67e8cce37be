import type { NumberBounds } from '../schema/comparison.schema';
import {
  BOOLEAN_OPERATORS,
  DATE_OPERATORS,
  ENUM_OPERATORS,
  NUMBER_OPERATORS,
  TEXT_OPERATORS,
  type ComparisonOperator,
  type FieldType,
} from '../schema/operators';

/**
 * A field a condition can compare, as the editor shows it: its type decides the operators and the
 * value input; `labelKey` is looked up in the UI dictionaries (ja/en).
 */
export interface FieldDefinition<Name extends string = string> {
  name: Name;
  type: FieldType;
  labelKey: string;
  operators: readonly ComparisonOperator[];
  /** The allowed values of an `enum` field. */
  values?: readonly string[];
  /** Range and integrality of a `number` field's values. */
  bounds?: NumberBounds;
}

const labelKey = (scope: string, name: string) => `segments.${scope}.${name}`;

export function textField<Name extends string>(scope: string, name: Name): FieldDefinition<Name> {
  return { name, type: 'string', labelKey: labelKey(scope, name), operators: TEXT_OPERATORS };
}

export function enumField<Name extends string>(
  scope: string,
  name: Name,
  values: readonly string[],
): FieldDefinition<Name> {
  return { name, type: 'enum', labelKey: labelKey(scope, name), operators: ENUM_OPERATORS, values };
}

export function numberField<Name extends string>(
  scope: string,
  name: Name,
  bounds: NumberBounds = {},
  operators: readonly ComparisonOperator[] = NUMBER_OPERATORS,
): FieldDefinition<Name> {
  return { name, type: 'number', labelKey: labelKey(scope, name), operators, bounds };
}

export function dateField<Name extends string>(scope: string, name: Name): FieldDefinition<Name> {
  return { name, type: 'date', labelKey: labelKey(scope, name), operators: DATE_OPERATORS };
}

export function booleanField<Name extends string>(scope: string, name: Name): FieldDefinition<Name> {
  return { name, type: 'boolean', labelKey: labelKey(scope, name), operators: BOOLEAN_OPERATORS };
}

export function findField(fields: readonly FieldDefinition[], name: string): FieldDefinition | undefined {
  return fields.find((field) => field.name === name);
}
