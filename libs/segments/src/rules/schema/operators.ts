/**
 * The operator vocabulary of the rule language. Each field has a type and the type decides which
 * operators apply; the editor's rule builder renders its operator menus from these lists.
 */
export const FIELD_TYPES = ['string', 'number', 'date', 'boolean', 'enum'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export const COMPARISON_OPERATORS = [
  'eq',
  'neq',
  'in',
  'not_in',
  'contains',
  'starts_with',
  'gt',
  'gte',
  'lt',
  'lte',
  'between',
  'before',
  'after',
  'on',
  'within_last_days',
  'more_than_days_ago',
  'is_true',
  'is_false',
  'is_set',
  'is_not_set',
] as const;
export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number];

export const TEXT_OPERATORS = [
  'eq',
  'neq',
  'in',
  'not_in',
  'contains',
  'starts_with',
  'is_set',
  'is_not_set',
] as const satisfies readonly ComparisonOperator[];
export const NUMBER_OPERATORS = [
  'eq',
  'neq',
  'gt',
  'gte',
  'lt',
  'lte',
  'between',
  'is_set',
  'is_not_set',
] as const satisfies readonly ComparisonOperator[];
export const DATE_OPERATORS = [
  'before',
  'after',
  'on',
  'between',
  'within_last_days',
  'more_than_days_ago',
  'is_set',
  'is_not_set',
] as const satisfies readonly ComparisonOperator[];
export const BOOLEAN_OPERATORS = ['is_true', 'is_false'] as const satisfies readonly ComparisonOperator[];
/** A closed set of values: substring matching makes no sense, membership does. */
export const ENUM_OPERATORS = [
  'eq',
  'neq',
  'in',
  'not_in',
  'is_set',
  'is_not_set',
] as const satisfies readonly ComparisonOperator[];

export const OPERATORS_BY_TYPE: Readonly<Record<FieldType, readonly ComparisonOperator[]>> = {
  string: TEXT_OPERATORS,
  number: NUMBER_OPERATORS,
  date: DATE_OPERATORS,
  boolean: BOOLEAN_OPERATORS,
  enum: ENUM_OPERATORS,
};

/** Number operators for measures that always have a value (a count of nothing is 0, not unset). */
export const MEASURE_OPERATORS = [
  'eq',
  'neq',
  'gt',
  'gte',
  'lt',
  'lte',
  'between',
] as const satisfies readonly ComparisonOperator[];

/**
 * Custom attributes (`attributes.<key>`) are free-form JSON: compared as text, or as numbers when
 * the operator only makes sense for numbers.
 */
export const CUSTOM_ATTRIBUTE_OPERATORS = [
  ...TEXT_OPERATORS,
  'gt',
  'gte',
  'lt',
  'lte',
  'between',
] as const satisfies readonly ComparisonOperator[];

/** Event property filters: text equality and substring, numeric order. */
export const PROPERTY_TEXT_OPERATORS = ['eq', 'neq', 'contains'] as const satisfies readonly ComparisonOperator[];
export const PROPERTY_NUMBER_OPERATORS = ['gt', 'gte', 'lt', 'lte'] as const satisfies readonly ComparisonOperator[];

/** How the operator messages name a field's type ("text field", "choice field"). */
export const FIELD_TYPE_WORDS: Readonly<Record<FieldType, string>> = {
  string: 'text',
  number: 'number',
  date: 'date',
  boolean: 'yes/no',
  enum: 'choice',
};
