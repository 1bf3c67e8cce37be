import { solveSymmetricPositiveDefinite } from './linear-algebra';
import type { Standardisation } from './standardisation';

export interface LogisticFitOptions {
  /** L2 penalty λ on the standardised coefficients (never on the intercept): maximises ℓ(β) - λ/2·|β|². */
  l2: number;
  maxIterations?: number;
  /** Stops when no coefficient moves by more than this in a Newton step. */
  tolerance?: number;
}

export interface LogisticFit {
  /** Intercept and coefficients on the standardised features. */
  intercept: number;
  coefficients: number[];
  /** Log-likelihood of the training rows at the solution (without the penalty). */
  logLikelihood: number;
  iterations: number;
  converged: boolean;
}

/** log(1 + e^η) without overflow. */
function softplus(eta: number): number {
  return eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta));
}

/**
 * L2-regularised logistic regression by Newton-Raphson (IRLS; Hastie, Tibshirani & Friedman,
 * "Elements of Statistical Learning" §4.4.1), on features standardised on the fly from a
 * row-major Float64Array, over the given rows. Each iteration is one pass over the rows
 * accumulating the gradient and the (p+1)² Hessian; the step is halved while it lowers the
 * penalised likelihood, so the fit is monotone and deterministic (the same rows in the same order
 * give the same bits). With λ > 0 the penalised Hessian is positive definite, so separable data
 * converge to finite coefficients.
 */
export function fitLogisticRegression(
  features: Float64Array,
  featureCount: number,
  labels: Uint8Array,
  rows: Uint32Array,
  standardisation: Standardisation,
  options: LogisticFitOptions,
): LogisticFit {
  const p = featureCount;
  const k = p + 1;
  const maxIterations = options.maxIterations ?? 50;
  const tolerance = options.tolerance ?? 1e-8;
  // Without a penalty a tiny ridge keeps a constant column from making the Hessian singular.
  const lambda = options.l2 > 0 ? options.l2 : 1e-10;
  const means = Float64Array.from(standardisation.means);
  const inverseScales = Float64Array.from(standardisation.scales, (s) => 1 / s);
  const beta = new Float64Array(k);
  const z = new Float64Array(k);
  z[0] = 1;

  const penalised = (coefficients: Float64Array): number => {
    let ll = 0;
    for (let r = 0; r < rows.length; r++) {
      const offset = rows[r]! * p;
      let eta = coefficients[0]!;
      for (let j = 0; j < p; j++) eta += coefficients[j + 1]! * (features[offset + j]! - means[j]!) * inverseScales[j]!;
      ll += labels[rows[r]!] ? -softplus(-eta) : -softplus(eta);
    }
    let penalty = 0;
    for (let j = 1; j < k; j++) penalty += coefficients[j]! * coefficients[j]!;
    return ll - (lambda / 2) * penalty;
  };

  let current = penalised(beta);
  let iterations = 0;
  let converged = false;
  const gradient = new Float64Array(k);
  const hessian = new Float64Array(k * k);
  while (iterations < maxIterations && !converged) {
    iterations++;
    gradient.fill(0);
    hessian.fill(0);
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r]!;
      const offset = row * p;
      let eta = beta[0]!;
      for (let j = 0; j < p; j++) {
        const value = (features[offset + j]! - means[j]!) * inverseScales[j]!;
        z[j + 1] = value;
        eta += beta[j + 1]! * value;
      }
      const probability = 1 / (1 + Math.exp(-eta));
      const residual = labels[row]! - probability;
      const weight = probability * (1 - probability);
      for (let a = 0; a < k; a++) {
        const za = z[a]!;
        gradient[a]! += residual * za;
        const wa = weight * za;
        const base = a * k;
        for (let b = a; b < k; b++) hessian[base + b]! += wa * z[b]!;
      }
    }
    for (let a = 0; a < k; a++) for (let b = 0; b < a; b++) hessian[a * k + b] = hessian[b * k + a]!;
    for (let j = 1; j < k; j++) {
      gradient[j]! -= lambda * beta[j]!;
      hessian[j * k + j]! += lambda;
    }
    // The intercept is unpenalised: all-equal labels push it to ±∞; a floor keeps the solve defined.
    hessian[0]! += 1e-12;
    const step = solveSymmetricPositiveDefinite(hessian, gradient, k);
    if (!step) break;
    let scale = 1;
    const candidate = new Float64Array(k);
    let value = current;
    for (let halving = 0; halving < 30; halving++) {
      for (let j = 0; j < k; j++) candidate[j] = beta[j]! + scale * step[j]!;
      value = penalised(candidate);
      if (value >= current - 1e-12 * Math.abs(current)) break;
      scale /= 2;
    }
    let largest = 0;
    for (let j = 0; j < k; j++) largest = Math.max(largest, Math.abs(candidate[j]! - beta[j]!));
    beta.set(candidate);
    current = value;
    converged = largest < tolerance;
  }
  let penalty = 0;
  for (let j = 1; j < k; j++) penalty += beta[j]! * beta[j]!;
  return {
    intercept: beta[0]!,
    coefficients: Array.from(beta.subarray(1)),
    logLikelihood: current + (lambda / 2) * penalty,
    iterations,
    converged,
  };
}

/** P(y = 1) for each row of a row-major feature matrix under a fitted model. */
export function predictLogistic(
  fit: Pick<LogisticFit, 'intercept' | 'coefficients'>,
  standardisation: Standardisation,
  features: Float64Array,
  featureCount: number,
): Float64Array {
  const p = featureCount;
  const n = Math.floor(features.length / Math.max(1, p));
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let eta = fit.intercept;
    for (let j = 0; j < p; j++) {
      eta += (fit.coefficients[j]! * (features[i * p + j]! - standardisation.means[j]!)) / standardisation.scales[j]!;
    }
    out[i] = 1 / (1 + Math.exp(-eta));
  }
  return out;
}
