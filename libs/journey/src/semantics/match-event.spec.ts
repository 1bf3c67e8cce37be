import type { PropertyFilter } from '../graph/journey-graph.schema';
import { matchesEvent, matchesFilter, valuesAt } from './match-event';

const order = {
  orderId: 'A-1001',
  total: 5980,
  quantity: '3',
  gift: false,
  coupon: null,
  shop: { code: 'TKY-01', prefecture: '東京都' },
  tags: ['sale', 'first-order'],
  lines: [
    { sku: 'SOAP-02', price: 1980, options: [{ code: 'wrap' }] },
    { sku: 'TRIAL-01', price: '4000', options: [{ code: 'noshi' }, { code: 'wrap' }] },
  ],
};

const holds = (filter: PropertyFilter, properties: unknown = order) => matchesFilter(filter, properties);

describe('valuesAt', () => {
  it('follows a dot path and fans out through arrays', () => {
    expect(valuesAt(order, ['shop', 'code'])).toEqual(['TKY-01']);
    expect(valuesAt(order, ['lines', 'sku'])).toEqual(['SOAP-02', 'TRIAL-01']);
    expect(valuesAt(order, ['lines', 'options', 'code'])).toEqual(['wrap', 'noshi', 'wrap']);
    expect(valuesAt(order, ['tags'])).toEqual(['sale', 'first-order']);
  });

  it('finds nothing through a missing key or a scalar', () => {
    expect(valuesAt(order, ['shop', 'city'])).toEqual([undefined]);
    expect(valuesAt(order, ['orderId', 'length'])).toEqual([]);
    expect(valuesAt(null, ['a'])).toEqual([]);
  });
});

describe('matchesFilter', () => {
  it('eq: on a dot path, and on any element of an array', () => {
    expect(holds({ property: 'shop.prefecture', operator: 'eq', value: '東京都' })).toBe(true);
    expect(holds({ property: 'lines.sku', operator: 'eq', value: 'TRIAL-01' })).toBe(true);
    expect(holds({ property: 'lines.sku', operator: 'eq', value: 'TRIAL-02' })).toBe(false);
    expect(holds({ property: 'tags', operator: 'eq', value: 'sale' })).toBe(true);
  });

  it('eq: numbers and booleans match their text, either way round', () => {
    expect(holds({ property: 'quantity', operator: 'eq', value: 3 })).toBe(true);
    expect(holds({ property: 'total', operator: 'eq', value: '5980' })).toBe(true);
    expect(holds({ property: 'lines.price', operator: 'eq', value: 4000 })).toBe(true);
    expect(holds({ property: 'gift', operator: 'eq', value: false })).toBe(true);
    expect(holds({ property: 'flag', operator: 'eq', value: true }, { flag: 'true' })).toBe(true);
    expect(holds({ property: 'flag', operator: 'eq', value: true }, { flag: 1 })).toBe(false);
  });

  it('neq: no element equals the value', () => {
    expect(holds({ property: 'lines.sku', operator: 'neq', value: 'TRIAL-01' })).toBe(false);
    expect(holds({ property: 'lines.sku', operator: 'neq', value: 'GIFT-BOX' })).toBe(true);
    expect(holds({ property: 'quantity', operator: 'neq', value: 3 })).toBe(false);
    // Nothing at the path: nothing equals the value.
    expect(holds({ property: 'channel', operator: 'neq', value: 'web' })).toBe(true);
  });

  it('in: any element is one of the listed values, numbers matching their text', () => {
    expect(holds({ property: 'shop.code', operator: 'in', value: ['OSK-01', 'TKY-01'] })).toBe(true);
    expect(holds({ property: 'lines.sku', operator: 'in', value: ['GIFT-BOX'] })).toBe(false);
    expect(holds({ property: 'quantity', operator: 'in', value: [1, 3] })).toBe(true);
    expect(holds({ property: 'total', operator: 'in', value: ['5980'] })).toBe(true);
  });

  it('contains: a substring of a text value, not of a number', () => {
    expect(holds({ property: 'lines.sku', operator: 'contains', value: 'TRIAL' })).toBe(true);
    expect(holds({ property: 'tags', operator: 'contains', value: 'first' })).toBe(true);
    expect(holds({ property: 'orderId', operator: 'contains', value: 'B-' })).toBe(false);
    expect(holds({ property: 'total', operator: 'contains', value: '59' })).toBe(false);
  });

  it('gte and lte: inclusive, on numbers and numeric text', () => {
    expect(holds({ property: 'total', operator: 'gte', value: 5980 })).toBe(true);
    expect(holds({ property: 'total', operator: 'gte', value: 5981 })).toBe(false);
    expect(holds({ property: 'total', operator: 'lte', value: 5980 })).toBe(true);
    expect(holds({ property: 'total', operator: 'lte', value: 5979 })).toBe(false);
    expect(holds({ property: 'quantity', operator: 'gte', value: 3 })).toBe(true);
    expect(holds({ property: 'lines.price', operator: 'gte', value: 3000 })).toBe(true);
    expect(holds({ property: 'lines.price', operator: 'lte', value: 1000 })).toBe(false);
    expect(holds({ property: 'orderId', operator: 'gte', value: 0 })).toBe(false);
    expect(holds({ property: 'amount', operator: 'gte', value: 0 }, { amount: '' })).toBe(false);
  });

  it('exists: a value other than null is there', () => {
    expect(holds({ property: 'gift', operator: 'exists' })).toBe(true);
    expect(holds({ property: 'lines.options.code', operator: 'exists' })).toBe(true);
    expect(holds({ property: 'coupon', operator: 'exists' })).toBe(false);
    expect(holds({ property: 'shop.city', operator: 'exists' })).toBe(false);
    expect(holds({ property: 'list', operator: 'exists' }, { list: [] })).toBe(false);
  });
});

describe('matchesEvent', () => {
  const trialOrder = {
    eventName: 'order_completed',
    filters: [
      { property: 'lines.sku', operator: 'eq', value: 'TRIAL-01' },
      { property: 'total', operator: 'gte', value: 3000 },
    ] satisfies PropertyFilter[],
  };

  it('needs the name and every filter', () => {
    expect(matchesEvent(trialOrder, { name: 'order_completed', properties: order })).toBe(true);
    expect(matchesEvent(trialOrder, { name: 'order_cancelled', properties: order })).toBe(false);
    expect(matchesEvent(trialOrder, { name: 'order_completed', properties: { ...order, total: 2980 } })).toBe(false);
  });

  it('matches on the name alone without filters', () => {
    expect(matchesEvent({ eventName: 'line_click', filters: [] }, { name: 'line_click', properties: null })).toBe(true);
  });
});
