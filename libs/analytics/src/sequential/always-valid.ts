import { StatisticInputError, type Interval, type Proportion } from '../analytics-error';

export interface SequentialOptions {
  /** Level of the always-valid test and confidence sequence (0.05: 95 %). */
  alpha?: number;
  /**
   * Standard deviation τ of the normal mixture over the true difference of rates. The test is most
   * powerful for differences of about this size; 0.02 (two points of conversion) suits journeys.
   */
  mixtureSd?: number;
}

export interface AlwaysValidDifference extends Interval {
  difference: number;
  /** Always-valid p-value at this look: P(any look ever rejects | no difference) <= alpha. */
  pValue: number;
  significant: boolean;
}

export const DEFAULT_MIXTURE_SD = 0.02;

/**
 * Always-valid inference for p1 - p2 by the mixture sequential probability ratio test (Robbins
 * 1970; Johari, Koomen, Pekelis & Walsh 2017, "Peeking at A/B tests", KDD, and Operations Research
 * 70(3) 2022), with the normal approximation to the difference and a N(0, τ²) mixture:
 *
 *   Λ = sqrt(V / (V + τ²)) · exp(τ² d² / (2 V (V + τ²))),   V = p1(1-p1)/n1 + p2(1-p2)/n2.
 *
 * Λ is a nonnegative martingale under "no difference", so by Ville's inequality the chance that
 * 1/Λ ever falls to alpha, at any number of looks, is at most alpha. A dashboard refreshed daily can
 * therefore show `pValue` and the confidence sequence at every refresh without overstating
 * significance, which a fixed-sample p-value read every day does (a dozen looks at alpha 0.05
 * reject a true null about a fifth of the time; the spec measures it). The price is a wider interval.
 *
 * Each look uses the cumulative counts; the p-value at one look is valid on its own, and the
 * running minimum over looks (what Johari et al. display) is valid too.
 */
export function alwaysValidDifference(
  group1: Proportion,
  group2: Proportion,
  options: SequentialOptions = {},
): AlwaysValidDifference | null {
  const alpha = options.alpha ?? 0.05;
  const tau = options.mixtureSd ?? DEFAULT_MIXTURE_SD;
  if (!(alpha > 0 && alpha < 1))
    throw new StatisticInputError('always-valid test', 'alpha', 'must be between 0 and 1', alpha);
  if (!(tau > 0)) throw new StatisticInputError('always-valid test', 'mixtureSd', 'must be positive', tau);
  if (group1.n === 0 || group2.n === 0) return null;
  const p1 = group1.x / group1.n;
  const p2 = group2.x / group2.n;
  const difference = p1 - p2;
  const v = (p1 * (1 - p1)) / group1.n + (p2 * (1 - p2)) / group2.n;
  // Both rates at 0 or 1: no variance to base the normal approximation on, nothing shown yet.
  if (v === 0) return null;
  const tau2 = tau * tau;
  const logLambda = 0.5 * Math.log(v / (v + tau2)) + (tau2 * difference * difference) / (2 * v * (v + tau2));
  const pValue = Math.min(1, Math.exp(-logLambda));
  // {θ : Λ(θ) < 1/alpha}, solved for θ around the observed difference.
  const half = Math.sqrt(((2 * v * (v + tau2)) / tau2) * (Math.log(1 / alpha) + 0.5 * Math.log((v + tau2) / v)));
  return {
    difference,
    lower: Math.max(-1, difference - half),
    upper: Math.min(1, difference + half),
    pValue,
    significant: pValue <= alpha,
  };
}
