import {
  defaultValue,
  initialComparison,
  parseNumberInput,
  parseTextList,
  valueShape,
  withOperator,
  withPairItem,
  type ComparedField,
} from './comparison';

const birthMonth: ComparedField = {
  type: 'number',
  operators: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between', 'is_set', 'is_not_set'],
  bounds: { min: 1, max: 12, integer: true },
};
const rank: ComparedField = {
  type: 'enum',
  operators: ['eq', 'neq', 'in', 'not_in', 'is_set', 'is_not_set'],
  values: ['loyal', 'semi_loyal'],
};

describe('comparison values', () => {
  it('picks the input from the field type and operator', () => {
    expect(valueShape('string', 'in')).toBe('text-list');
    expect(valueShape('enum', 'not_in')).toBe('choice-list');
    expect(valueShape('enum', 'eq')).toBe('choice');
    expect(valueShape('number', 'between')).toBe('number-pair');
    expect(valueShape('date', 'within_last_days')).toBe('days');
    expect(valueShape('date', 'between')).toBe('date-pair');
    expect(valueShape('date', 'is_set')).toBe('none');
    expect(valueShape('boolean', 'is_true')).toBe('none');
    expect(valueShape('custom', 'gte')).toBe('number');
    expect(valueShape('custom', 'contains')).toBe('text');
  });

  it('starts numbers at their lower bound and choices at the first value', () => {
    expect(defaultValue(birthMonth, 'number')).toBe(1);
    expect(defaultValue(birthMonth, 'number-pair')).toEqual([1, 1]);
    expect(defaultValue(rank, 'choice-list')).toEqual(['loyal']);
    expect(initialComparison(rank)).toEqual({ operator: 'eq', value: 'loyal' });
  });

  it('keeps the value when the operator takes the same input, and drops it when it takes none', () => {
    expect(withOperator(birthMonth, { operator: 'eq', value: 4 }, 'gte')).toEqual({ operator: 'gte', value: 4 });
    expect(withOperator(birthMonth, { operator: 'eq', value: 4 }, 'between')).toEqual({
      operator: 'between',
      value: [1, 1],
    });
    expect(withOperator(birthMonth, { operator: 'eq', value: 4 }, 'is_set')).toEqual({ operator: 'is_set' });
  });

  it('reads typed lists and numbers', () => {
    expect(parseTextList(' 東京都、大阪府,, 京都府\n')).toEqual(['東京都', '大阪府', '京都府']);
    expect(parseNumberInput('')).toBeUndefined();
    expect(parseNumberInput('-')).toBeUndefined();
    expect(parseNumberInput('0.5')).toBe(0.5);
  });

  it('replaces one end of a between pair', () => {
    expect(withPairItem([1, 3], 1, 5)).toEqual([1, 5]);
    expect(withPairItem(undefined, 0, '2026-01-01')).toEqual(['2026-01-01', '']);
  });
});
