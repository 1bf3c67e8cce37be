import type { BgNbdParameters } from './bgnbd-likelihood';
import { expectedPurchases } from './bgnbd-predict';
import { customerLifetimeValue } from './customer-lifetime-value';
import { expectedOrderValue, type GammaGammaParameters } from './gamma-gamma';

// The published CDNOW estimates of both papers (weeks, dollars).
const models: { bgNbd: BgNbdParameters; gammaGamma: GammaGammaParameters } = {
  bgNbd: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
  gammaGamma: { p: 6.25, q: 3.74, gamma: 15.44 },
};
const customer1 = { frequency: 2, recency: 30.43, age: 38.86, meanRepeatValue: 22.345 };

describe('customerLifetimeValue', () => {
  it('is margin x E[M] x E[Y(H)] without discounting', () => {
    const value = customerLifetimeValue(models, customer1, { horizon: 39, margin: 0.3 });
    const byHand =
      0.3 * expectedOrderValue(models.gammaGamma, customer1) * expectedPurchases(models.bgNbd, customer1, 39);
    expect(value).toBeCloseTo(byHand, 12);
    // 0.3 x 24.66 x 1.226
    expect(value.toFixed(2)).toBe('9.07');
  });

  it('discounts the purchases of each period at its end', () => {
    const orderValue = expectedOrderValue(models.gammaGamma, customer1);
    const first = expectedPurchases(models.bgNbd, customer1, 13);
    const both = expectedPurchases(models.bgNbd, customer1, 26);
    const discounted = customerLifetimeValue(models, customer1, {
      horizon: 26,
      margin: 1,
      discount: { ratePerPeriod: 0.1, periodLength: 13 },
    });
    expect(discounted).toBeCloseTo(orderValue * (first / 1.1 + (both - first) / 1.1 ** 2), 12);
  });

  it('cuts the last period short at the horizon, and loses value as the rate rises', () => {
    const at = (ratePerPeriod: number) =>
      customerLifetimeValue(models, customer1, {
        horizon: 30,
        margin: 1,
        discount: { ratePerPeriod, periodLength: 13 },
      });
    expect(at(0)).toBeCloseTo(customerLifetimeValue(models, customer1, { horizon: 30, margin: 1 }), 12);
    expect(at(0.05)).toBeLessThan(at(0));
    expect(at(0.2)).toBeLessThan(at(0.05));
  });

  it('refuses a margin above 1 or a negative horizon', () => {
    expect(() => customerLifetimeValue(models, customer1, { horizon: 10, margin: 1.5 })).toThrow();
    expect(() => customerLifetimeValue(models, customer1, { horizon: -1, margin: 0.5 })).toThrow();
  });
});
