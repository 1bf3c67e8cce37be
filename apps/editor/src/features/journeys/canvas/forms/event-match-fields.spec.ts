import { parseFilterValue, valueText } from './event-match-fields';

describe('filter values', () => {
  it('reads lists for "in", numbers and booleans as JSON values, and the rest as text', () => {
    expect(parseFilterValue('TRIAL-01, 3, ', 'in')).toEqual(['TRIAL-01', 3]);
    expect(parseFilterValue('5000', 'gte')).toBe(5000);
    expect(parseFilterValue('true', 'eq')).toBe(true);
    expect(parseFilterValue(' magazine ', 'eq')).toBe('magazine');
  });

  it('writes lists comma-separated', () => {
    expect(valueText(['a', 2])).toBe('a, 2');
    expect(valueText(undefined)).toBe('');
    expect(valueText(false)).toBe('false');
  });
});
