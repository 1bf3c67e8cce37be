import digamma from '@stdlib/math-base-special-digamma';
import gammaln from '@stdlib/math-base-special-gammaln';
import { z } from 'zod';
import { minimiseBfgs } from '../optimisation/bfgs';
import { ScoringError } from '../scoring-error';

/**
 * Gamma-Gamma spend (Fader, Hardie & Lee 2005, "RFM and CLV: Using iso-value curves for customer
 * base analysis", section 4, after Colombo & Jiang 1999): each transaction's value ~ Gamma(p, nu),
 * and nu across customers ~ Gamma(q, gamma).
 */
export interface GammaGammaParameters {
  p: number;
  q: number;
  gamma: number;
}

const positive = z.number().positive();
export const gammaGammaParametersSchema = z.object({ p: positive, q: positive, gamma: positive });

/** A customer's repeat transactions: how many (x > 0) and their mean value (> 0). */
export interface SpendHistory {
  frequency: number;
  meanRepeatValue: number;
}

export interface GammaGammaFit extends GammaGammaParameters {
  logLikelihood: number;
  customers: number;
  iterations: number;
}

/**
 * Log-likelihood of the customers' mean values m_x over x transactions (paper, eq. 3 as a density
 * of the mean):
 *   f(m_x | p, q, gamma, x) = G(px+q) / (G(px) G(q)) * gamma^q m_x^(px-1) x^(px) / (gamma + m_x x)^(px+q)
 * with its gradient in log-parameters written into `gradient` when given. Terms of x alone are
 * computed once per distinct x.
 */
export function gammaGammaLogLikelihood(
  customers: readonly SpendHistory[],
  { p, q, gamma }: GammaGammaParameters,
  gradient?: Float64Array,
): number {
  const perFrequency = new Map<number, { constant: number; dp: number; dq: number }>();
  const logGamma = Math.log(gamma);
  const base = q * logGamma - gammaln(q);
  const digammaQ = digamma(q);
  let total = 0;
  let gp = 0;
  let gq = 0;
  let gGamma = 0;
  for (const { frequency: x, meanRepeatValue: m } of customers) {
    let terms = perFrequency.get(x);
    if (!terms) {
      const digammaPXQ = digamma(p * x + q);
      terms = {
        constant: base + gammaln(p * x + q) - gammaln(p * x) + p * x * Math.log(x),
        dp: x * (digammaPXQ - digamma(p * x) + Math.log(x)),
        dq: digammaPXQ - digammaQ + logGamma,
      };
      perFrequency.set(x, terms);
    }
    const logM = Math.log(m);
    const logScale = Math.log(gamma + m * x);
    total += terms.constant + (p * x - 1) * logM - (p * x + q) * logScale;
    if (gradient) {
      gp += terms.dp + x * logM - x * logScale;
      gq += terms.dq - logScale;
      gGamma += q / gamma - (p * x + q) / (gamma + m * x);
    }
  }
  if (gradient) {
    gradient[0] = p * gp;
    gradient[1] = q * gq;
    gradient[2] = gamma * gGamma;
  }
  return total;
}

/**
 * Maximum-likelihood Gamma-Gamma on customers with repeat purchases (x > 0) and a positive mean
 * value; others carry no information on spend here and must be left out by the caller (the paper
 * fits on the 946 CDNOW sample customers with repeats in calibration). Same search as fitBgNbd:
 * BFGS over log-parameters on the mean log-likelihood.
 */
export function fitGammaGamma(customers: readonly SpendHistory[]): GammaGammaFit {
  customers.forEach(({ frequency, meanRepeatValue }, i) => {
    if (!Number.isInteger(frequency) || frequency <= 0 || !(meanRepeatValue > 0) || !Number.isFinite(meanRepeatValue))
      throw new ScoringError(
        'invalid_input',
        `customer ${i}: Gamma-Gamma needs repeat purchases (frequency ${frequency}) with a positive mean value (${meanRepeatValue})`,
        { customer: i, frequency, meanRepeatValue },
      );
  });
  if (customers.length === 0)
    throw new ScoringError('no_customers', 'Gamma-Gamma needs customers with repeat purchases');
  const n = customers.length;
  const parameters = (logs: Float64Array): GammaGammaParameters => ({
    p: Math.exp(logs[0]!),
    q: Math.exp(logs[1]!),
    gamma: Math.exp(logs[2]!),
  });
  const logGradient = new Float64Array(3);
  const result = minimiseBfgs(
    (logs, gradient) => {
      const logLikelihood = gammaGammaLogLikelihood(customers, parameters(logs), logGradient);
      for (let i = 0; i < 3; i++) gradient[i] = -logGradient[i]! / n;
      return -logLikelihood / n;
    },
    // q > 1 for a finite mean spend; gamma starts at the spend scale, so p * gamma / (q - 1) is the mean.
    [0, Math.log(2), Math.log(meanOf(customers))],
    { gradientTolerance: 1e-8, maxIterations: 500 },
  );
  const estimates = parameters(result.point);
  const largestGradient = Math.max(...Array.from(result.gradient, Math.abs));
  if (result.stop !== 'gradient' && !(result.stop === 'no-progress' && largestGradient < 1e-5))
    // Spend without variation between customers sends q and gamma (or p) off to infinity.
    throw new ScoringError(
      'fit_failed',
      `the Gamma-Gamma fit did not converge (${result.stop}); does spend vary between customers?`,
      {
        ...estimates,
        largestGradient,
      },
    );
  return { ...estimates, logLikelihood: -result.value * n, customers: n, iterations: result.iterations };
}

/**
 * Expected value of a customer's future transactions given x repeat transactions of mean m_x
 * (paper, eq. 5): a weighted mean of the population mean p gamma / (q-1) and m_x,
 *   E[M | p, q, gamma, m_x, x] = p (gamma + m_x x) / (p x + q - 1).
 * A customer without repeat purchases gets the population mean. Needs q > 1 (finite mean).
 */
export function expectedOrderValue({ p, q, gamma }: GammaGammaParameters, customer: SpendHistory): number {
  if (!(q > 1))
    throw new ScoringError('invalid_input', `expected order value needs q > 1 (q = ${q}): the mean spend is infinite`, {
      q,
    });
  const x = customer.frequency;
  if (x === 0) return (p * gamma) / (q - 1);
  return (p * (gamma + customer.meanRepeatValue * x)) / (p * x + q - 1);
}

function meanOf(customers: readonly SpendHistory[]): number {
  let sum = 0;
  for (const c of customers) sum += c.meanRepeatValue;
  return sum / customers.length;
}
