import { CUSTOMER_OPERANDS, METRIC_OPERANDS, PREFERENCE_OPERANDS, PURCHASE_OPERANDS } from '../compiler/operands';
import { OPERATORS_BY_TYPE } from '../schema/operators';
import { SEGMENT_CATALOGUE } from './segment-catalogue';

const { attribute, metric, purchase, preference, event } = SEGMENT_CATALOGUE.conditions;

describe('SEGMENT_CATALOGUE', () => {
  it('describes each field for the rule builder', () => {
    expect(attribute.fields.find((field) => field.name === 'prefecture')).toEqual({
      name: 'prefecture',
      type: 'string',
      labelKey: 'segments.attribute.prefecture',
      operators: ['eq', 'neq', 'in', 'not_in', 'contains', 'starts_with', 'is_set', 'is_not_set'],
    });
    expect(metric.fields.find((field) => field.name === 'rfm_rank')).toEqual({
      name: 'rfm_rank',
      type: 'enum',
      labelKey: 'segments.metric.rfm_rank',
      operators: ['eq', 'neq', 'in', 'not_in', 'is_set', 'is_not_set'],
      values: ['loyal', 'semi_loyal', 'general', 'lapsed'],
    });
    expect(metric.fields.find((field) => field.name === 'r_score')).toMatchObject({
      type: 'number',
      bounds: { min: 1, max: 5, integer: true },
    });
    expect(event.count.operators).toEqual(['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between']);
  });

  it('lists the fields of the brief', () => {
    expect(attribute.fields.map((field) => field.name)).toEqual([
      'family_name',
      'given_name',
      'family_name_kana',
      'given_name_kana',
      'gender',
      'birth_date',
      'birth_month',
      'postal_code',
      'prefecture',
      'city',
      'registered_at',
      'created_at',
    ]);
    expect(metric.fields).toHaveLength(21);
    expect(purchase.measures.map((measure) => measure.name)).toEqual([
      'count',
      'amount',
      'quantity',
      'first_date',
      'last_date',
    ]);
  });

  it('offers only operators of each field’s type', () => {
    const fields = [...attribute.fields, ...metric.fields, ...purchase.measures, ...preference.measures, event.count];
    for (const field of fields) {
      const allowed: readonly string[] = OPERATORS_BY_TYPE[field.type];
      expect(field.operators.filter((operator) => !allowed.includes(operator))).toEqual([]);
    }
  });

  it('has a SQL operand of the right kind for every field', () => {
    const pairs = [
      [attribute.fields, CUSTOMER_OPERANDS],
      [metric.fields, METRIC_OPERANDS],
      [purchase.measures, PURCHASE_OPERANDS],
      [preference.measures, PREFERENCE_OPERANDS],
    ] as const;
    const kinds: Record<string, string[]> = {
      string: ['text'],
      enum: ['text'],
      number: ['integer', 'bigint', 'double precision'],
      date: ['date', 'timestamptz'],
      boolean: ['boolean'],
    };
    for (const [fields, operands] of pairs) {
      const byName = new Map(Object.entries(operands));
      expect(fields.map((field) => field.name).sort()).toEqual([...byName.keys()].sort());
      for (const field of fields) expect(kinds[field.type]).toContain(byName.get(field.name)?.type);
    }
  });

  it('is plain JSON', () => {
    expect(JSON.parse(JSON.stringify(SEGMENT_CATALOGUE))).toEqual(SEGMENT_CATALOGUE);
  });
});
