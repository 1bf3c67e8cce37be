import fc from 'fast-check';
import { ScoringError } from '../scoring-error';
import { cdnowSampleSummary } from './fixtures/cdnow-sample';
import {
  expectedOrderValue,
  fitGammaGamma,
  gammaGammaLogLikelihood,
  type GammaGammaParameters,
  type SpendHistory,
} from './gamma-gamma';

const significant = (value: number, digits = 3) => Number(value.toPrecision(digits));

describe('Gamma-Gamma on the CDNOW sample ("RFM and CLV", Fader, Hardie & Lee 2005)', () => {
  // What reproduces the paper: the 946 sample customers with repeat purchases in the 39-week
  // calibration, m_x = the mean of their repeat transactions (first purchase left out; a day's
  // purchases summed into one transaction).
  const repeaters: SpendHistory[] = cdnowSampleSummary('week')
    .filter((c) => c.frequency > 0)
    .map((c) => ({ frequency: c.frequency, meanRepeatValue: c.meanRepeatValue! }));
  const fit = fitGammaGamma(repeaters);

  it('reproduces the published p = 6.25, q = 3.74, gamma = 15.44 on 946 customers', () => {
    expect(fit.customers).toBe(946);
    expect([significant(fit.p), significant(fit.q), significant(fit.gamma, 4)]).toEqual([6.25, 3.74, 15.44]);
  });

  it('finds spend hardly correlated with frequency, as the model assumes (the paper: 0.11)', () => {
    const n = repeaters.length;
    const mean = (f: (c: SpendHistory) => number) => repeaters.reduce((s, c) => s + f(c), 0) / n;
    const [mx, mm] = [mean((c) => c.frequency), mean((c) => c.meanRepeatValue)];
    const cov = mean((c) => (c.frequency - mx) * (c.meanRepeatValue - mm));
    const sd = (f: (c: SpendHistory) => number, m: number) => Math.sqrt(mean((c) => (f(c) - m) ** 2));
    const correlation = cov / (sd((c) => c.frequency, mx) * sd((c) => c.meanRepeatValue, mm));
    expect(correlation.toFixed(2)).toBe('0.11');
  });

  it('gives customer 1 (x = 2, m_x = 22.345) p (gamma + m_x x) / (p x + q - 1), and newcomers the population mean', () => {
    const { p, q, gamma } = fit;
    expect(expectedOrderValue(fit, { frequency: 2, meanRepeatValue: 22.345 })).toBeCloseTo(
      (p * (gamma + 2 * 22.345)) / (2 * p + q - 1),
      12,
    );
    expect(expectedOrderValue(fit, { frequency: 2, meanRepeatValue: 22.345 }).toFixed(2)).toBe('24.65');
    // p gamma / (q - 1): 35.17 at the estimates (35.22 with the rounded published values).
    expect(expectedOrderValue(fit, { frequency: 0, meanRepeatValue: 0 }).toFixed(2)).toBe('35.17');
  });

  it('has the gradient of its log-likelihood (central differences in log-parameters)', () => {
    const at = [Math.log(3), Math.log(2.5), Math.log(20)];
    const params = (logs: number[]): GammaGammaParameters => ({
      p: Math.exp(logs[0]!),
      q: Math.exp(logs[1]!),
      gamma: Math.exp(logs[2]!),
    });
    const gradient = new Float64Array(3);
    gammaGammaLogLikelihood(repeaters, params(at), gradient);
    for (let i = 0; i < 3; i++) {
      const h = 1e-5;
      const up = gammaGammaLogLikelihood(repeaters, params(at.map((v, j) => (j === i ? v + h : v))));
      const down = gammaGammaLogLikelihood(repeaters, params(at.map((v, j) => (j === i ? v - h : v))));
      expect(gradient[i]).toBeCloseTo((up - down) / (2 * h), 3);
    }
  });
});

describe('Gamma-Gamma expected order value (properties)', () => {
  it('lies between the population mean and the customer mean, nearer the customer the more purchases', () => {
    const parameters = fc.record({
      p: fc.double({ min: 0.5, max: 20, noNaN: true }),
      q: fc.double({ min: 1.1, max: 20, noNaN: true }),
      gamma: fc.double({ min: 1, max: 1000, noNaN: true }),
    });
    fc.assert(
      fc.property(
        parameters,
        fc.integer({ min: 1, max: 100 }),
        fc.double({ min: 1, max: 1e5, noNaN: true }),
        (g, x, m) => {
          const population = (g.p * g.gamma) / (g.q - 1);
          const value = expectedOrderValue(g, { frequency: x, meanRepeatValue: m });
          expect(value).toBeGreaterThanOrEqual(Math.min(population, m) * (1 - 1e-12));
          expect(value).toBeLessThanOrEqual(Math.max(population, m) * (1 + 1e-12));
          const more = expectedOrderValue(g, { frequency: x + 1, meanRepeatValue: m });
          expect(Math.abs(more - m)).toBeLessThanOrEqual(Math.abs(value - m) * (1 + 1e-12));
        },
      ),
    );
  });

  it('refuses customers without repeat purchases or with no value, and an infinite mean', () => {
    expect(() => fitGammaGamma([{ frequency: 0, meanRepeatValue: 10 }])).toThrow(ScoringError);
    expect(() => fitGammaGamma([{ frequency: 2, meanRepeatValue: 0 }])).toThrow(ScoringError);
    expect(() => fitGammaGamma([])).toThrow(ScoringError);
    expect(() => expectedOrderValue({ p: 1, q: 0.9, gamma: 1 }, { frequency: 1, meanRepeatValue: 1 })).toThrow(/q > 1/);
  });
});
