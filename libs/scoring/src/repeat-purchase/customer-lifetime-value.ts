import { z } from 'zod';
import type { BgNbdParameters } from './bgnbd-likelihood';
import { expectedPurchases } from './bgnbd-predict';
import type { RepeatPurchaseHistory } from './customer-tuples';
import { expectedOrderValue, type GammaGammaParameters, type SpendHistory } from './gamma-gamma';

export const lifetimeValueOptionsSchema = z.object({
  /** How far ahead, in the time unit of the histories. */
  horizon: z.number().positive(),
  /** Share of an order's value that is profit (1 for revenue). */
  margin: z.number().min(0).max(1),
  /**
   * Discounting: the horizon is cut into periods of `periodLength` units (the last may be shorter)
   * and purchases expected in period k are discounted by (1 + ratePerPeriod)^k. Absent: none.
   */
  discount: z.object({ ratePerPeriod: z.number().min(0), periodLength: z.number().positive() }).optional(),
});
export type LifetimeValueOptions = z.infer<typeof lifetimeValueOptionsSchema>;

/**
 * Residual customer lifetime value over a finite horizon H (Fader, Hardie & Lee 2005, "RFM and CLV",
 * with the BG/NBD in place of the Pareto/NBD and a finite, period-discounted horizon as in the
 * `lifetimes` package):
 *   CLV = margin * E[M] * sum_k (E[Y(t_k)] - E[Y(t_(k-1))]) / (1 + d)^k,  t_k = min(k L, H)
 * which without discounting is margin * E[M] * E[Y(H)].
 * Assumptions: order values are independent of the purchase process (the Gamma-Gamma assumption;
 * check that frequency and mean value are hardly correlated, 0.11 on CDNOW in the paper); the margin is
 * the same for every order; purchases within a period are discounted as if made at its end.
 */
export function customerLifetimeValue(
  models: { bgNbd: BgNbdParameters; gammaGamma: GammaGammaParameters },
  customer: RepeatPurchaseHistory & SpendHistory,
  options: LifetimeValueOptions,
): number {
  const { horizon, margin, discount } = lifetimeValueOptionsSchema.parse(options);
  const orderValue = expectedOrderValue(models.gammaGamma, customer);
  if (!discount || discount.ratePerPeriod === 0)
    return margin * orderValue * expectedPurchases(models.bgNbd, customer, horizon);
  let discounted = 0;
  let before = 0;
  const periods = Math.ceil(horizon / discount.periodLength);
  for (let k = 1; k <= periods; k++) {
    const upTo = expectedPurchases(models.bgNbd, customer, Math.min(k * discount.periodLength, horizon));
    discounted += (upTo - before) / Math.pow(1 + discount.ratePerPeriod, k);
    before = upTo;
  }
  return margin * orderValue * discounted;
}
