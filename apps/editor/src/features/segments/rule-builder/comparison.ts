import type { ComparisonOperator, FieldType, NumberBounds, RuleValue } from '@kizuna/segments';

/**
 * What a comparison compares, as the builder needs it: the type decides the value input. `custom` is a
 * custom attribute (`attributes.<key>`): text for text operators, a number for order operators.
 */
export interface ComparedField {
  type: FieldType | 'custom';
  operators: readonly ComparisonOperator[];
  values?: readonly string[];
  bounds?: NumberBounds;
}

export interface Comparison {
  operator: ComparisonOperator;
  value?: RuleValue;
}

/** The input a value needs, from the field type and the operator. */
export type ValueShape =
  'none' | 'text' | 'text-list' | 'choice' | 'choice-list' | 'number' | 'number-pair' | 'date' | 'date-pair' | 'days';

const NO_VALUE: readonly ComparisonOperator[] = ['is_set', 'is_not_set', 'is_true', 'is_false'];
const LIST: readonly ComparisonOperator[] = ['in', 'not_in'];
const ORDER: readonly ComparisonOperator[] = ['gt', 'gte', 'lt', 'lte'];

export function valueShape(type: ComparedField['type'], operator: ComparisonOperator): ValueShape {
  if (NO_VALUE.includes(operator)) return 'none';
  switch (type) {
    case 'boolean':
      return 'none';
    case 'enum':
      return LIST.includes(operator) ? 'choice-list' : 'choice';
    case 'string':
      return LIST.includes(operator) ? 'text-list' : 'text';
    case 'custom':
      if (operator === 'between') return 'number-pair';
      if (ORDER.includes(operator)) return 'number';
      return LIST.includes(operator) ? 'text-list' : 'text';
    case 'number':
      return operator === 'between' ? 'number-pair' : 'number';
    case 'date':
      if (operator === 'between') return 'date-pair';
      if (operator === 'within_last_days' || operator === 'more_than_days_ago') return 'days';
      return 'date';
  }
}

/** A starting value for a shape: something valid where one exists, else empty for the marketer to fill. */
export function defaultValue(field: ComparedField, shape: ValueShape): RuleValue | undefined {
  const low = field.bounds?.min ?? 0;
  switch (shape) {
    case 'none':
      return undefined;
    case 'text':
    case 'date':
      return '';
    case 'text-list':
      return [];
    case 'choice':
      return field.values?.[0] ?? '';
    case 'choice-list':
      return field.values?.[0] === undefined ? [] : [field.values[0]];
    case 'number':
      return low;
    case 'number-pair':
      return [low, low];
    case 'date-pair':
      return ['', ''];
    case 'days':
      return 30;
  }
}

/** `{ operator, value }` without a `value` key when there is none: the rule schema is strict. */
export function comparison(operator: ComparisonOperator, value: RuleValue | undefined): Comparison {
  return value === undefined ? { operator } : { operator, value };
}

/** A new operator keeps the value when the input stays the same (eq -> neq), else starts from the default. */
export function withOperator(field: ComparedField, current: Comparison, operator: ComparisonOperator): Comparison {
  const before = valueShape(field.type, current.operator);
  const after = valueShape(field.type, operator);
  return comparison(operator, before === after ? current.value : defaultValue(field, after));
}

/** The first operator of a field, with its default value: what a newly chosen field starts with. */
export function initialComparison(field: ComparedField, preferred?: ComparisonOperator): Comparison {
  const operator = preferred && field.operators.includes(preferred) ? preferred : field.operators[0]!;
  return comparison(operator, defaultValue(field, valueShape(field.type, operator)));
}

/** `"a, b,,c "` → `['a', 'b', 'c']`: a list typed in one box, comma- or newline-separated (、 too). */
export function parseTextList(text: string): string[] {
  return text
    .split(/[,、\n]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

export function formatTextList(value: RuleValue | readonly (string | number)[] | undefined): string {
  return Array.isArray(value) ? value.join(', ') : typeof value === 'string' ? value : '';
}

/** The number an `<input type="number">` holds, or undefined when it is empty or not a number yet. */
export function parseNumberInput(text: string): number | undefined {
  if (text.trim() === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/** One end of a pair value (`between`), or undefined. */
export function pairItem(value: RuleValue | undefined, index: 0 | 1): string | number | undefined {
  return Array.isArray(value) ? value[index] : undefined;
}

/** The pair with one end replaced; a missing end stays an empty string so validation names it. */
export function withPairItem(
  value: RuleValue | undefined,
  index: 0 | 1,
  item: string | number | undefined,
): (string | number)[] {
  const pair: (string | number)[] = [pairItem(value, 0) ?? '', pairItem(value, 1) ?? ''];
  pair[index] = item ?? '';
  return pair;
}
