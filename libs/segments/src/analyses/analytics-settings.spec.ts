import { AnalyticsSettingsSchema, defaultAnalyticsSettings, type AnalyticsSettings } from './analytics-settings';

/** The issues of settings that must be refused, as path and message. */
const refusal = (input: unknown) => {
  const result = AnalyticsSettingsSchema.safeParse(input);
  if (result.success) throw new Error(`accepted ${JSON.stringify(input)}`);
  return result.error.issues.map(({ path, message }) => ({ path, message }));
};

const defaults: AnalyticsSettings = {
  schedule: { cron: '0 3 * * *', afterImports: true },
  rfm: {
    windowDays: 365,
    scoring: { mode: 'quantile', quantiles: [0.2, 0.4, 0.6, 0.8] },
    highFrequencyScore: 4,
    highMonetaryScore: 4,
  },
  rfMatrix: {
    recencyMonths: 13,
    frequencyCap: 6,
    repeatWindowDays: 30,
    salesWindowDays: 365,
    frequencyGroups: [
      { code: 'prospect', label: '見込', maxPurchases: 0 },
      { code: 'new', label: '新規', maxPurchases: 1 },
      { code: 'promising', label: '有望', maxPurchases: 3 },
      { code: 'loyal', label: '優良', maxPurchases: null },
    ],
    recencyGroups: [
      { code: 'active', label: '現役', maxMonths: 3 },
      { code: 'dormant', label: '休止', maxMonths: 7 },
      { code: 'lapsed', label: '離脱', maxMonths: null },
    ],
  },
  abc: { a: 0.7, b: 0.9, windowDays: 365 },
  stableSegments: {
    lookbackMonths: 24,
    highBasket: 15_000,
    middleBasket: 6_000,
    regularMinPurchases: 3,
    regularIntervalDays: 90,
    margin: 0.15,
    dormantIntervals: 3,
    dormantMinDays: 365,
  },
  rankDown: { percentile: 0.8, minIntervals: 3 },
};

describe('AnalyticsSettingsSchema', () => {
  it('fills every default from nothing, and from empty sections', () => {
    expect(defaultAnalyticsSettings).toEqual(defaults);
    expect(AnalyticsSettingsSchema.parse({})).toEqual(defaults);
    expect(
      AnalyticsSettingsSchema.parse({ schedule: {}, rfm: {}, rfMatrix: {}, abc: {}, stableSegments: {}, rankDown: {} }),
    ).toEqual(defaults);
  });

  it('keeps what a workspace changed and defaults the rest', () => {
    const settings = AnalyticsSettingsSchema.parse({
      schedule: { cron: null },
      rfm: { highFrequencyScore: 3 },
      stableSegments: { highBasket: 20_000, margin: 0 },
    });
    expect(settings).toEqual({
      ...defaults,
      schedule: { cron: null, afterImports: true },
      rfm: { ...defaults.rfm, highFrequencyScore: 3 },
      stableSegments: { ...defaults.stableSegments, highBasket: 20_000, margin: 0 },
    });
  });

  it('accepts fixed cut points per dimension', () => {
    const scoring = {
      mode: 'fixed',
      recencyDays: [30, 90, 180, 365],
      frequency: [1, 2, 4, 8],
      monetary: [5_000, 10_000, 30_000, 100_000],
    };
    expect(AnalyticsSettingsSchema.parse({ rfm: { scoring } }).rfm.scoring).toEqual(scoring);
  });

  it('accepts a schedule by predefined name', () => {
    expect(AnalyticsSettingsSchema.parse({ schedule: { cron: '@daily' } }).schedule.cron).toBe('@daily');
  });

  describe('refuses, naming the field', () => {
    it('quantiles that do not increase', () => {
      const quantiles = (values: number[]) => ({ rfm: { scoring: { mode: 'quantile', quantiles: values } } });
      const issue = { path: ['rfm', 'scoring', 'quantiles'], message: 'must increase' };
      expect(refusal(quantiles([0.2, 0.6, 0.4, 0.8]))).toEqual([issue]);
      expect(refusal(quantiles([0.2, 0.2, 0.6, 0.8]))).toEqual([issue]);
    });

    it('a quantile outside (0, 1) or other than four of them', () => {
      const quantiles = (values: number[]) => ({ rfm: { scoring: { mode: 'quantile', quantiles: values } } });
      expect(refusal(quantiles([0.2, 0.4, 0.6, 1]))).toEqual([
        { path: ['rfm', 'scoring', 'quantiles', 3], message: 'Too big: expected number to be <1' },
      ]);
      expect(refusal(quantiles([0, 0.4, 0.6, 0.8]))).toMatchObject([{ path: ['rfm', 'scoring', 'quantiles', 0] }]);
      expect(refusal(quantiles([0.25, 0.5, 0.75]))).toEqual([
        { path: ['rfm', 'scoring', 'quantiles'], message: 'Too small: expected array to have exactly 4 items' },
      ]);
    });

    it('fixed cut points that do not increase', () => {
      const scoring = {
        mode: 'fixed',
        recencyDays: [30, 90, 180, 365],
        frequency: [1, 4, 2, 8],
        monetary: [1, 2, 3, 4],
      };
      expect(refusal({ rfm: { scoring } })).toEqual([
        { path: ['rfm', 'scoring', 'frequency'], message: 'must increase' },
      ]);
    });

    it('a middle basket at or above the high basket', () => {
      const issue = { path: ['stableSegments', 'middleBasket'], message: 'middleBasket must be below highBasket' };
      expect(refusal({ stableSegments: { middleBasket: 15_000 } })).toEqual([issue]);
      expect(refusal({ stableSegments: { middleBasket: 8_000, highBasket: 7_000 } })).toEqual([issue]);
    });

    it('an ABC line a at or above b', () => {
      const issue = { path: ['abc', 'b'], message: 'a must be below b' };
      expect(refusal({ abc: { a: 0.9, b: 0.7 } })).toEqual([issue]);
      expect(refusal({ abc: { a: 0.8, b: 0.8 } })).toEqual([issue]);
    });

    it('a schedule that is not a five-field cron', () => {
      expect(refusal({ schedule: { cron: '0 25 * * *' } })).toEqual([
        {
          path: ['schedule', 'cron'],
          message: '"0 25 * * *" is not a cron expression: Constraint error, got value 25 expected range 0-23',
        },
      ]);
      expect(refusal({ schedule: { cron: '*/5 * * *' } })).toEqual([
        {
          path: ['schedule', 'cron'],
          message: '"*/5 * * *" has 4 fields; a schedule needs 5: minute hour day-of-month month day-of-week',
        },
      ]);
      expect(refusal({ schedule: { cron: '@minutely' } })).toEqual([
        { path: ['schedule', 'cron'], message: '"@minutely" is more often than once a minute' },
      ]);
    });

    it('numbers out of range', () => {
      expect(refusal({ rfm: { highFrequencyScore: 6 } })).toMatchObject([{ path: ['rfm', 'highFrequencyScore'] }]);
      expect(refusal({ stableSegments: { margin: 0.6 } })).toMatchObject([{ path: ['stableSegments', 'margin'] }]);
      expect(refusal({ rfMatrix: { recencyMonths: 2 } })).toMatchObject([{ path: ['rfMatrix', 'recencyMonths'] }]);
      expect(refusal({ rankDown: { percentile: 1 } })).toMatchObject([{ path: ['rankDown', 'percentile'] }]);
    });

    it('stage groups that are missing or badly coded', () => {
      expect(refusal({ rfMatrix: { frequencyGroups: [] } })).toMatchObject([{ path: ['rfMatrix', 'frequencyGroups'] }]);
      expect(
        refusal({ rfMatrix: { recencyGroups: [{ code: 'Active', label: '現役', maxMonths: null }] } }),
      ).toMatchObject([{ path: ['rfMatrix', 'recencyGroups', 0, 'code'] }]);
    });

    it('a key it does not know (a misspelt setting is not silently ignored)', () => {
      expect(refusal({ rfm: { windowDay: 30 } })).toEqual([
        { path: ['rfm'], message: 'Unrecognized key: "windowDay"' },
      ]);
    });
  });
});
