import hyp2f1 from '@stdlib/math-base-special-hyp2f1';
import type { RepeatPurchaseHistory } from './customer-tuples';
import type { BgNbdParameters } from './bgnbd-likelihood';

/**
 * Probability that a customer with this history is still active at the end of calibration
 * (Fader, Hardie & Lee 2005, eq. 13, as corrected in their note "Computing P(alive) using the
 * BG/NBD model"): 1 / (1 + [x > 0] a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x)). A customer without
 * repeat purchases cannot have dropped out (BG/NBD drops out only just after a purchase), so 1.
 */
export function probabilityAlive({ r, alpha, a, b }: BgNbdParameters, history: RepeatPurchaseHistory): number {
  const { frequency: x, recency, age } = history;
  if (x === 0) return 1;
  const logOdds = Math.log(a / (b + x - 1)) + (r + x) * Math.log((alpha + age) / (alpha + recency));
  return 1 / (1 + Math.exp(logOdds));
}

/**
 * Expected purchases in the next `horizon` time units for a customer with this history
 * (Fader, Hardie & Lee 2005, eq. 10):
 *   E[Y(t) | x, t_x, T] = (a+b+x-1)/(a-1) * [1 - ((alpha+T)/(alpha+T+t))^(r+x)
 *                           * 2F1(r+x, b+x; a+b+x-1; t/(alpha+T+t))] * P(alive)
 * With z = t/(alpha+T+t), Euler's transformation (Abramowitz & Stegun 15.3.3) turns
 * (1-z)^(r+x) 2F1(r+x, b+x; c; z) into (1-z)^(a-1) 2F1(a+b-1-r, a-1; c; z), c = a+b+x-1, whose
 * terms stay small for frequent customers where the first form multiplies a huge series by a tiny
 * power. Undefined at a = 1 exactly (the formula's limit is not taken).
 */
export function expectedPurchases(
  { r, alpha, a, b }: BgNbdParameters,
  history: RepeatPurchaseHistory,
  horizon: number,
): number {
  if (horizon === 0) return 0;
  const { frequency: x, age } = history;
  const z = horizon / (alpha + age + horizon);
  const c = a + b + x - 1;
  const remaining = Math.pow(1 - z, a - 1) * hyp2f1(a + b - 1 - r, a - 1, c, z);
  const expected = (c / (a - 1)) * (1 - remaining) * probabilityAlive({ r, alpha, a, b }, history);
  if (Number.isFinite(expected)) return expected;
  // Very regular buyers can fit a degenerate process (r and alpha huge, a near 0: a sharp purchase
  // rate and almost no dropout), where the series cannot be evaluated. Its limit is the
  // no-dropout expectation: the posterior mean rate (r+x)/(alpha+T) over the horizon.
  return ((r + x) / (alpha + age)) * horizon * probabilityAlive({ r, alpha, a, b }, history);
}

/**
 * Expected purchases in (0, t] of a customer just acquired, the population curve the paper
 * tracks cumulative sales with (Fader, Hardie & Lee 2005, eq. 9):
 *   E[X(t)] = (a+b-1)/(a-1) * [1 - (alpha/(alpha+t))^r 2F1(r, b; a+b-1; t/(alpha+t))]
 */
export function expectedPurchasesOfNewCustomer({ r, alpha, a, b }: BgNbdParameters, horizon: number): number {
  if (horizon === 0) return 0;
  const z = horizon / (alpha + horizon);
  const c = a + b - 1;
  const remaining = Math.pow(1 - z, a - 1) * hyp2f1(c - r, a - 1, c, z);
  return (c / (a - 1)) * (1 - remaining);
}
