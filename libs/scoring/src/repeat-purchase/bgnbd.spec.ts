import fc from 'fast-check';
import { fitBgNbd } from './bgnbd-fit';
import { bgNbdLogLikelihood, type BgNbdParameters } from './bgnbd-likelihood';
import { expectedPurchases, expectedPurchasesOfNewCustomer, probabilityAlive } from './bgnbd-predict';
import { compressHistories } from './customer-tuples';
import { cdnowSampleSummary } from './fixtures/cdnow-sample';

/** Significant digits as the paper prints them. */
const significant = (value: number, digits = 3) => Number(value.toPrecision(digits));

/** 2F1 by its defining series, independent of the library (converges for |z| < 1). */
function hypergeometricSeries(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let n = 0; n < 200_000 && Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
    term *= ((a + n) * (b + n) * z) / ((c + n) * (n + 1));
    sum += term;
  }
  return sum;
}

describe('BG/NBD on the CDNOW sample (Fader, Hardie & Lee 2005)', () => {
  const weeks = cdnowSampleSummary('week');
  const fit = fitBgNbd(weeks);

  it('reproduces the published estimates and log-likelihood', () => {
    expect(fit.customers).toBe(2357);
    expect([significant(fit.r), significant(fit.alpha, 4), significant(fit.a), significant(fit.b, 4)]).toEqual([
      0.243, 4.414, 0.793, 2.426,
    ]);
    expect(fit.logLikelihood).toBeCloseTo(-9582.4, 1);
  });

  it('reads sample customer 1 as the paper does (x = 2, t_x = 30.43, T = 38.86)', () => {
    const customer1 = weeks.find((c) => c.customerId === '1')!;
    expect([customer1.frequency, customer1.recency.toFixed(2), customer1.age.toFixed(2)]).toEqual([
      2,
      '30.43',
      '38.86',
    ]);
  });

  it("predicts customer 1's next 39 weeks as the paper's worked example: 1.226 purchases", () => {
    const published: BgNbdParameters = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
    const customer1 = { frequency: 2, recency: 30.43, age: 38.86 };
    expect(expectedPurchases(published, customer1, 39).toFixed(3)).toBe('1.226');
    expect(expectedPurchases(fit, customer1, 39).toFixed(3)).toBe('1.226');
  });

  it('computes P(alive) and E[Y(t)] as the formulas evaluated by hand', () => {
    const { r, alpha, a, b } = fit;
    const [x, tx, T, t] = [2, 30.43, 38.86, 39];
    const alive = 1 / (1 + (a / (b + x - 1)) * ((alpha + T) / (alpha + tx)) ** (r + x));
    const series = hypergeometricSeries(r + x, b + x, a + b + x - 1, t / (alpha + T + t));
    const expected = ((a + b + x - 1) / (a - 1)) * (1 - ((alpha + T) / (alpha + T + t)) ** (r + x) * series) * alive;
    const customer1 = { frequency: x, recency: tx, age: T };
    expect(probabilityAlive(fit, customer1)).toBeCloseTo(alive, 12);
    expect(probabilityAlive(fit, customer1).toFixed(3)).toBe('0.727');
    expect(expectedPurchases(fit, customer1, t)).toBeCloseTo(expected, 10);
  });

  it('gives a new customer (x = 0, T = 0) the population curve E[X(t)]', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.1, max: 500, noNaN: true }), (t) => {
        const conditional = expectedPurchases(fit, { frequency: 0, recency: 0, age: 0 }, t);
        expect(conditional).toBeCloseTo(expectedPurchasesOfNewCustomer(fit, t), 10);
      }),
    );
  });

  it('gives the same model in days: alpha x 7, r, a, b unchanged, log-likelihood less ln 7 per repeat', () => {
    const days = fitBgNbd(cdnowSampleSummary('day'));
    const repeats = weeks.reduce((sum, c) => sum + c.frequency, 0);
    expect(days.alpha / 7).toBeCloseTo(fit.alpha, 5);
    expect(days.r).toBeCloseTo(fit.r, 6);
    expect(days.a).toBeCloseTo(fit.a, 6);
    expect(days.b).toBeCloseTo(fit.b, 5);
    expect(days.logLikelihood).toBeCloseTo(fit.logLikelihood - repeats * Math.log(7), 6);
  });

  it('reaches the same estimates from a warm start on every 16th distinct history', () => {
    const warm = fitBgNbd(weeks, { warmStartAbove: 100 });
    for (const key of ['r', 'alpha', 'a', 'b'] as const) expect(warm[key] / fit[key]).toBeCloseTo(1, 5);
    expect(warm.logLikelihood).toBeCloseTo(fit.logLikelihood, 6);
  });

  it('has the gradient of its log-likelihood (central differences in log-parameters)', () => {
    const tuples = compressHistories(weeks);
    const at = [Math.log(0.5), Math.log(3), Math.log(1.2), Math.log(1.7)];
    const ll = (logs: number[]) =>
      bgNbdLogLikelihood(tuples, {
        r: Math.exp(logs[0]!),
        alpha: Math.exp(logs[1]!),
        a: Math.exp(logs[2]!),
        b: Math.exp(logs[3]!),
      });
    const gradient = new Float64Array(4);
    bgNbdLogLikelihood(
      tuples,
      { r: Math.exp(at[0]!), alpha: Math.exp(at[1]!), a: Math.exp(at[2]!), b: Math.exp(at[3]!) },
      gradient,
    );
    for (let i = 0; i < 4; i++) {
      const h = 1e-5;
      const up = at.map((v, j) => (j === i ? v + h : v));
      const down = at.map((v, j) => (j === i ? v - h : v));
      expect(gradient[i]).toBeCloseTo((ll(up) - ll(down)) / (2 * h), 3);
    }
  });

  it('sums the same log-likelihood over tuples as over customers one by one', () => {
    const oneByOne = weeks.reduce((sum, c) => sum + bgNbdLogLikelihood(compressHistories([c]), fit), 0);
    expect(bgNbdLogLikelihood(compressHistories(weeks), fit)).toBeCloseTo(oneByOne, 6);
  });
});

describe('BG/NBD predictions (properties)', () => {
  const parameters = fc.record({
    r: fc.double({ min: 0.05, max: 5, noNaN: true }),
    alpha: fc.double({ min: 0.5, max: 50, noNaN: true }),
    a: fc.double({ min: 0.1, max: 5, noNaN: true }).filter((a) => Math.abs(a - 1) > 0.01),
    b: fc.double({ min: 0.1, max: 10, noNaN: true }),
  });
  // In days: each repeat is on a later day, so t_x >= x, and t_x <= T.
  const history = fc
    .record({
      frequency: fc.nat(60),
      share: fc.double({ min: 0, max: 1, noNaN: true }),
      age: fc.integer({ min: 1, max: 400 }),
    })
    .map(({ frequency, share, age }) => ({
      frequency,
      recency: frequency === 0 ? 0 : Math.min(age, Math.max(frequency, Math.round(share * age))),
      age,
    }));

  it('P(alive) is a probability, 1 without repeats, higher the more recent the last purchase', () => {
    fc.assert(
      fc.property(parameters, history, (p, h) => {
        const alive = probabilityAlive(p, h);
        expect(alive).toBeGreaterThanOrEqual(0);
        expect(alive).toBeLessThanOrEqual(1);
        if (h.frequency === 0) expect(alive).toBe(1);
        else if (h.recency < h.age) expect(probabilityAlive(p, { ...h, recency: h.age })).toBeGreaterThanOrEqual(alive);
      }),
    );
  });

  it("expected purchases agree with eq. 10 summed by its series (the library's 2F1 checked)", () => {
    fc.assert(
      fc.property(parameters, history, fc.double({ min: 1, max: 400, noNaN: true }), (p, h, t) => {
        const { r, alpha, a, b } = p;
        const { frequency: x, age } = h;
        const z = t / (alpha + age + t);
        const c = a + b + x - 1;
        const alive = probabilityAlive(p, h);
        const byHand = (c / (a - 1)) * (1 - (1 - z) ** (r + x) * hypergeometricSeries(r + x, b + x, c, z)) * alive;
        expect(Math.abs(expectedPurchases(p, h, t) - byHand)).toBeLessThanOrEqual(1e-8 * Math.max(1, byHand));
      }),
    );
  });

  it('expected purchases are finite, >= 0 and grow with the horizon', () => {
    fc.assert(
      fc.property(parameters, history, fc.double({ min: 1, max: 200, noNaN: true }), (p, h, t) => {
        const near = expectedPurchases(p, h, t);
        const far = expectedPurchases(p, h, 2 * t);
        expect(Number.isFinite(near)).toBe(true);
        expect(near).toBeGreaterThanOrEqual(-1e-9);
        expect(far).toBeGreaterThanOrEqual(near - 1e-9);
      }),
    );
  });

  it('falls back to the no-dropout rate where the series cannot be evaluated (a degenerate fit of very regular buyers)', () => {
    // Parameters of the kind a fit on a handful of weekly buyers reaches: sharp rate, almost no dropout.
    const degenerate: BgNbdParameters = { r: 1e7, alpha: 7e6, a: 2e-4, b: 3 };
    const history = { frequency: 4, recency: 28, age: 30 };
    const expected = expectedPurchases(degenerate, history, 14);
    const rate = (degenerate.r + 4) / (degenerate.alpha + 30);
    expect(expected).toBeCloseTo(rate * 14 * probabilityAlive(degenerate, history), 6);
  });
});
