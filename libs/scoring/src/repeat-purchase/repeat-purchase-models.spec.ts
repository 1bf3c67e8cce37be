import { expectedPurchases, probabilityAlive } from './bgnbd-predict';
import { customerLifetimeValue } from './customer-lifetime-value';
import { cdnowSampleSummary } from './fixtures/cdnow-sample';
import { expectedOrderValue } from './gamma-gamma';
import { fitRepeatPurchaseModels, predictRepeatPurchases } from './repeat-purchase-models';

describe('fitRepeatPurchaseModels and predictRepeatPurchases', () => {
  const summaries = cdnowSampleSummary('week');
  const models = fitRepeatPurchaseModels(summaries);

  it('fits BG/NBD on every customer and Gamma-Gamma on those with repeat purchases', () => {
    expect(models.bgNbd.customers).toBe(2357);
    expect(models.gammaGamma?.customers).toBe(946);
  });

  it("gives each customer the functions' values, computed once per distinct history", () => {
    const clv = { horizon: 52, margin: 0.3 };
    const predictions = predictRepeatPurchases(models, summaries, 39, clv);
    expect(predictions).toHaveLength(2357);
    for (const index of [0, 1, 2, 100, 2356]) {
      const summary = summaries[index]!;
      const spend = { frequency: summary.frequency, meanRepeatValue: summary.meanRepeatValue ?? 0 };
      expect(predictions[index]).toEqual({
        customerId: summary.customerId,
        frequency: summary.frequency,
        recency: summary.recency,
        age: summary.age,
        probabilityAlive: probabilityAlive(models.bgNbd, summary),
        expectedPurchases: expectedPurchases(models.bgNbd, summary, 39),
        expectedOrderValue: expectedOrderValue(models.gammaGamma!, spend),
        lifetimeValue: customerLifetimeValue(
          { bgNbd: models.bgNbd, gammaGamma: models.gammaGamma! },
          { ...summary, ...spend },
          clv,
        ),
      });
    }
  });

  it('predicts purchases only without amounts', () => {
    const withoutAmounts = summaries.map((s) => ({ ...s, meanRepeatValue: null }));
    const bare = fitRepeatPurchaseModels(withoutAmounts);
    expect(bare.gammaGamma).toBeNull();
    expect(predictRepeatPurchases(bare, withoutAmounts, 39)[0]).toMatchObject({
      expectedOrderValue: null,
      lifetimeValue: null,
    });
  });

  it('keeps BG/NBD when spend cannot be modelled (the same value for every transaction), saying why', () => {
    const sameSpend = summaries.map((s) => ({ ...s, meanRepeatValue: s.frequency > 0 ? 10 : null }));
    const fit = fitRepeatPurchaseModels(sameSpend);
    expect(fit.bgNbd.r).toBeCloseTo(models.bgNbd.r, 6);
    expect(fit.gammaGamma).toBeNull();
    expect(fit.gammaGammaNotFitted).toMatch(
      /^the Gamma-Gamma fit did not converge .*does spend vary between customers\?$/,
    );
  });
});
