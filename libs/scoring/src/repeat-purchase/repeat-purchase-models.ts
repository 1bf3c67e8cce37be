import { fitBgNbd, type BgNbdFit } from './bgnbd-fit';
import { expectedPurchases, probabilityAlive } from './bgnbd-predict';
import { compressHistories } from './customer-tuples';
import { customerLifetimeValue, type LifetimeValueOptions } from './customer-lifetime-value';
import { expectedOrderValue, fitGammaGamma, type GammaGammaFit, type SpendHistory } from './gamma-gamma';
import { ScoringError } from '../scoring-error';
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
  /** Null without a Gamma-Gamma fit (or one with q <= 1, an infinite mean). */
  expectedOrderValue: number | null;
  /** Null without a Gamma-Gamma fit or lifetime value options. */
  lifetimeValue: number | null;
}

/** The models and, when the spend model could not be fitted, why (the BG/NBD figures stand). */
export interface RepeatPurchaseFit extends RepeatPurchaseModels {
  gammaGammaNotFitted: string | null;
}

/**
 * BG/NBD on every customer, Gamma-Gamma on those with repeat purchases of positive mean value (a
 * zero mean has no log; "RFM and CLV" fits the same subset: customers with x > 0 in calibration).
 * A spend model that cannot be fitted (no repeat buyers with values, spend without variation, which
 * sends q and p to infinity) leaves the purchase model standing: P(alive) and expected purchases do
 * not depend on it.
 */
export function fitRepeatPurchaseModels(
  summaries: readonly RepeatPurchaseSummary<string | number>[],
): RepeatPurchaseFit {
  const bgNbd = fitBgNbd(summaries);
  const spenders = spendHistories(summaries);
  if (spenders.length === 0)
    return { bgNbd, gammaGamma: null, gammaGammaNotFitted: 'no customer has repeat purchases with a value' };
  try {
    return { bgNbd, gammaGamma: fitGammaGamma(spenders), gammaGammaNotFitted: null };
  } catch (error) {
    if (error instanceof ScoringError) return { bgNbd, gammaGamma: null, gammaGammaNotFitted: error.message };
    throw error;
  }
}

/**
 * Each customer's P(alive), expected purchases over `horizon` units, expected order value and,
 * given its options, lifetime value (customerLifetimeValue). A customer with repeat purchases of
 * zero value gets the Gamma-Gamma posterior mean at m_x = 0 (shrunk towards the population mean).
 * Computed once per distinct (x, t_x, T): the 2F1 series is the costly part, and at day resolution
 * many customers share a history.
 */
export function predictRepeatPurchases<CustomerId extends string | number>(
  models: RepeatPurchaseModels,
  summaries: readonly RepeatPurchaseSummary<CustomerId>[],
  horizon: number,
  lifetimeValue?: LifetimeValueOptions,
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
    const spend: SpendHistory = { frequency: summary.frequency, meanRepeatValue: summary.meanRepeatValue ?? 0 };
    return {
      customerId: summary.customerId,
      frequency: summary.frequency,
      recency: summary.recency,
      age: summary.age,
      probabilityAlive: alive[tuple]!,
      expectedPurchases: purchases[tuple]!,
      expectedOrderValue: gammaGamma ? expectedOrderValue(gammaGamma, spend) : null,
      lifetimeValue:
        gammaGamma && lifetimeValue
          ? customerLifetimeValue({ bgNbd: models.bgNbd, gammaGamma }, { ...summary, ...spend }, lifetimeValue)
          : null,
    };
  });
}

function spendHistories(summaries: readonly RepeatPurchaseSummary<string | number>[]): SpendHistory[] {
  const spenders: SpendHistory[] = [];
  for (const { frequency, meanRepeatValue } of summaries)
    if (frequency > 0 && meanRepeatValue !== null && meanRepeatValue > 0) spenders.push({ frequency, meanRepeatValue });
  return spenders;
}
