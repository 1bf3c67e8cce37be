import { fitBgNbd, type BgNbdFit } from './bgnbd-fit';
import { expectedPurchases, probabilityAlive } from './bgnbd-predict';
import { compressHistories } from './customer-tuples';
import { expectedOrderValue, fitGammaGamma, type GammaGammaFit, type SpendHistory } from './gamma-gamma';
import type { RepeatPurchaseSummary } from './transaction-summary';

export interface RepeatPurchaseModels {
  bgNbd: BgNbdFit;
  /** Null without values, or when no customer has repeat purchases of positive mean value. */
  gammaGamma: GammaGammaFit | null;
}

export interface RepeatPurchasePrediction<CustomerId extends string | number = string> {
  customerId: CustomerId;
  frequency: number;
  recency: number;
  age: number;
  probabilityAlive: number;
  expectedPurchases: number;
  /** Null without a Gamma-Gamma fit. */
  expectedOrderValue: number | null;
}

/**
 * BG/NBD on every customer, Gamma-Gamma on those with repeat purchases of positive mean value (a
 * zero mean has no log; "RFM and CLV" fits the same subset: customers with x > 0 in calibration).
 */
export function fitRepeatPurchaseModels(
  summaries: readonly RepeatPurchaseSummary<string | number>[],
): RepeatPurchaseModels {
  const bgNbd = fitBgNbd(summaries);
  const spenders = spendHistories(summaries);
  return { bgNbd, gammaGamma: spenders.length > 0 ? fitGammaGamma(spenders) : null };
}

/**
 * Each customer's P(alive), expected purchases over `horizon` units and expected order value.
 * Computed once per distinct (x, t_x, T): the 2F1 series is the costly part, and at day resolution
 * many customers share a history.
 */
export function predictRepeatPurchases<CustomerId extends string | number>(
  models: RepeatPurchaseModels,
  summaries: readonly RepeatPurchaseSummary<CustomerId>[],
  horizon: number,
): RepeatPurchasePrediction<CustomerId>[] {
  const tuples = compressHistories(summaries);
  const alive = new Float64Array(tuples.counts.length).fill(NaN);
  const purchases = new Float64Array(tuples.counts.length);
  const gammaGamma = models.gammaGamma && models.gammaGamma.q > 1 ? models.gammaGamma : null;
  return summaries.map((summary, i) => {
    const tuple = tuples.tupleOfCustomer[i]!;
    if (Number.isNaN(alive[tuple]!)) {
      alive[tuple] = probabilityAlive(models.bgNbd, summary);
      purchases[tuple] = expectedPurchases(models.bgNbd, summary, horizon);
    }
    const spend: SpendHistory =
      summary.frequency > 0 && summary.meanRepeatValue !== null && summary.meanRepeatValue > 0
        ? { frequency: summary.frequency, meanRepeatValue: summary.meanRepeatValue }
        : { frequency: 0, meanRepeatValue: 0 };
    return {
      customerId: summary.customerId,
      frequency: summary.frequency,
      recency: summary.recency,
      age: summary.age,
      probabilityAlive: alive[tuple]!,
      expectedPurchases: purchases[tuple]!,
      expectedOrderValue: gammaGamma ? expectedOrderValue(gammaGamma, spend) : null,
    };
  });
}

function spendHistories(summaries: readonly RepeatPurchaseSummary<string | number>[]): SpendHistory[] {
  const spenders: SpendHistory[] = [];
  for (const { frequency, meanRepeatValue } of summaries)
    if (frequency > 0 && meanRepeatValue !== null && meanRepeatValue > 0) spenders.push({ frequency, meanRepeatValue });
  return spenders;
}
