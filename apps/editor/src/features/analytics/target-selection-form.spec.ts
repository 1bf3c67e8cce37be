import { groupResponseRates, targetSelectionForm } from './target-selection-form';

const form = { basis: 'rf_stage', model: '', responsePercent: '5', costPerContact: '120', marginPercent: '60' };

describe('targetSelectionForm', () => {
  it('turns typed percents into the rates the engine takes', () => {
    expect(targetSelectionForm(form)).toEqual({
      ok: true,
      request: { basis: 'rf_stage', defaultResponseRate: 0.05, costPerContact: 120, marginRate: 0.6 },
    });
    expect(targetSelectionForm({ ...form, basis: 'score', model: ' p_alive ' })).toMatchObject({
      ok: true,
      request: { basis: 'score', model: 'p_alive' },
    });
  });

  it('names each field that is missing or out of range', () => {
    expect(
      targetSelectionForm({
        ...form,
        basis: 'score',
        responsePercent: '',
        costPerContact: '200000',
        marginPercent: '0',
      }),
    ).toEqual({
      ok: false,
      errors: {
        responsePercent: 'required',
        costPerContact: 'costRange',
        marginPercent: 'marginRange',
        model: 'required',
      },
    });
  });
});

describe('groupResponseRates', () => {
  it('reads the typed percents and leaves empty boxes to the default rate', () => {
    expect(groupResponseRates({ loyal_active: '12.5', new_active: '', lapsed: '0' })).toEqual({
      ok: true,
      responseRates: { loyal_active: 0.125, lapsed: 0 },
    });
  });

  it('names each group whose rate is not a percent', () => {
    expect(groupResponseRates({ a: '120', b: 'x', c: '3' })).toEqual({
      ok: false,
      errors: { a: 'percentRange', b: 'notNumber' },
    });
  });
});
