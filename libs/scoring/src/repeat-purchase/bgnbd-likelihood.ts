import digamma from '@stdlib/math-base-special-digamma';
import gammaln from '@stdlib/math-base-special-gammaln';
import type { CustomerTuples } from './customer-tuples';

/** The four BG/NBD parameters: purchase rates ~ Gamma(r, alpha), dropout probabilities ~ Beta(a, b). */
export interface BgNbdParameters {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/**
 * Log-likelihood of the customers at (r, alpha, a, b), and its gradient with respect to the
 * logarithms of the parameters (where the fit searches) written into `gradient` when given.
 *
 * Per customer, Fader, Hardie & Lee (2005), eq. 6:
 *   L = B(a, b+x)/B(a, b) * G(r+x) alpha^r / (G(r) (alpha+T)^(r+x))
 *     + [x > 0] B(a+1, b+x-1)/B(a, b) * G(r+x) alpha^r / (G(r) (alpha+t_x)^(r+x))
 * written as exp(A1 + A2) * (exp(A3) + [x > 0] exp(A4)) (the note "Implementing the BG/NBD model in
 * Excel", Fader, Hardie & Lee 2005), with B(a+1, b+x-1)/B(a, b+x) = a/(b+x-1); the sum of the two
 * terms is taken with log-sum-exp, as (alpha+T)^(r+x) overflows for frequent customers.
 */
export function bgNbdLogLikelihood(
  tuples: CustomerTuples,
  { r, alpha, a, b }: BgNbdParameters,
  gradient?: Float64Array,
): number {
  const { frequencies, times } = tuples;
  const logAlpha = Math.log(alpha);
  const logA = Math.log(a);

  // Everything that depends on x alone, once per distinct x.
  const nx = frequencies.length;
  const constant = new Float64Array(nx);
  const logRepeatWeight = new Float64Array(nx);
  const dConstantDr = new Float64Array(nx);
  const dConstantDa = new Float64Array(nx);
  const dConstantDb = new Float64Array(nx);
  const dRepeatWeightDb = new Float64Array(nx);
  const common = gammaln(a + b) - gammaln(b) - gammaln(r) + r * logAlpha;
  const withGradient = gradient !== undefined;
  const digammaAB = withGradient ? digamma(a + b) : 0;
  const digammaR = withGradient ? digamma(r) : 0;
  const digammaB = withGradient ? digamma(b) : 0;
  for (let k = 0; k < nx; k++) {
    const x = frequencies[k]!;
    constant[k] = common + gammaln(r + x) + gammaln(b + x) - gammaln(a + b + x);
    logRepeatWeight[k] = x > 0 ? logA - Math.log(b + x - 1) : -Infinity;
    if (withGradient) {
      const digammaABX = digamma(a + b + x);
      dConstantDr[k] = digamma(r + x) - digammaR + logAlpha;
      dConstantDa[k] = digammaAB - digammaABX;
      dConstantDb[k] = digammaAB + digamma(b + x) - digammaB - digammaABX;
      dRepeatWeightDb[k] = x > 0 ? -1 / (b + x - 1) : 0;
    }
  }
  // ln(alpha + t) and 1/(alpha + t) once per distinct time.
  const nt = times.length;
  const logAlphaPlus = new Float64Array(nt);
  const inverseAlphaPlus = new Float64Array(nt);
  for (let j = 0; j < nt; j++) {
    logAlphaPlus[j] = Math.log(alpha + times[j]!);
    inverseAlphaPlus[j] = 1 / (alpha + times[j]!);
  }

  const { frequencyIndex, recencyIndex, ageIndex, counts } = tuples;
  let total = 0;
  let gr = 0;
  let gAlpha = 0;
  let ga = 0;
  let gb = 0;
  for (let i = 0; i < counts.length; i++) {
    const k = frequencyIndex[i]!;
    const recency = recencyIndex[i]!;
    const age = ageIndex[i]!;
    const n = counts[i]!;
    const rx = r + frequencies[k]!;
    const aliveTerm = -rx * logAlphaPlus[age]!;
    const goneTerm = logRepeatWeight[k]! - rx * logAlphaPlus[recency]!;
    const top = aliveTerm > goneTerm ? aliveTerm : goneTerm;
    const eAlive = Math.exp(aliveTerm - top);
    const eGone = Math.exp(goneTerm - top);
    const sum = eAlive + eGone;
    total += n * (constant[k]! + top + Math.log(sum));
    if (withGradient) {
      const wAlive = eAlive / sum;
      const wGone = eGone / sum;
      gr += n * (dConstantDr[k]! - wAlive * logAlphaPlus[age]! - wGone * logAlphaPlus[recency]!);
      gAlpha += n * (r / alpha - rx * (wAlive * inverseAlphaPlus[age]! + wGone * inverseAlphaPlus[recency]!));
      ga += n * (dConstantDa[k]! + wGone / a);
      gb += n * (dConstantDb[k]! + wGone * dRepeatWeightDb[k]!);
    }
  }
  if (gradient) {
    // d/d ln(theta) = theta * d/d theta
    gradient[0] = r * gr;
    gradient[1] = alpha * gAlpha;
    gradient[2] = a * ga;
    gradient[3] = b * gb;
  }
  return total;
}
