import { z } from 'zod';
import { minimiseBfgs, type BfgsOptions, type BfgsResult } from '../optimisation/bfgs';
import { ScoringError } from '../scoring-error';
import { compressHistories, type CustomerTuples, type RepeatPurchaseHistory } from './customer-tuples';
import { bgNbdLogLikelihood, type BgNbdParameters } from './bgnbd-likelihood';

const positive = z.number().positive();
export const bgNbdParametersSchema = z.object({ r: positive, alpha: positive, a: positive, b: positive });

export interface BgNbdFit extends BgNbdParameters {
  /** Log-likelihood at the estimates (sum over customers). */
  logLikelihood: number;
  customers: number;
  /** Distinct (x, t_x, T) the likelihood was evaluated over. */
  distinctHistories: number;
  iterations: number;
}

export interface BgNbdFitOptions {
  /** Largest gradient component of the mean log-likelihood (in log-parameters) accepted as converged. */
  gradientTolerance?: number;
  maxIterations?: number;
  /** Distinct histories above which a subsample is fitted first (default 64,000). */
  warmStartAbove?: number;
}

// A stationary point to this tolerance fixes the parameters to far more than the 3 significant digits
// the paper reports; a stall above it but below this one is rounding, not a failed fit.
const DEFAULT_TOLERANCE = 1e-8;
const STALL_TOLERANCE = 1e-5;

// Above this many distinct histories, a fit on every 16th one first gives the full fit its start and
// curvature: the full likelihood then needs a handful of iterations instead of about 25 (measured on
// 1,000,000 customers: docs/benchmarks.md). Each history is in the subsample with the same chance
// whatever its count, so the subsample's likelihood estimates the whole one without bias.
const WARM_START_HISTORIES = 64_000;
const WARM_START_STRIDE = 16;

/**
 * Maximum-likelihood BG/NBD (Fader, Hardie & Lee 2005). The search runs over the logarithms of the
 * parameters (all four must be positive, and their scales differ by orders of magnitude) on the
 * mean log-likelihood per customer, so the tolerance means the same for 2,000 customers as for
 * 1,000,000, with BFGS and the analytic gradient (digamma terms).
 */
export function fitBgNbd(
  histories: readonly RepeatPurchaseHistory[] | CustomerTuples,
  options: BgNbdFitOptions = {},
): BgNbdFit {
  const tuples = isTuples(histories) ? histories : compressHistories(histories);
  if (tuples.customers === 0) throw new ScoringError('no_customers', 'BG/NBD needs at least one customer');
  const search = {
    gradientTolerance: options.gradientTolerance ?? DEFAULT_TOLERANCE,
    maxIterations: options.maxIterations ?? 500,
  };
  let start = [0, Math.log(startingAlpha(tuples)), 0, 0];
  let inverseHessian: Float64Array | undefined;
  if (tuples.counts.length > (options.warmStartAbove ?? WARM_START_HISTORIES)) {
    const warm = maximiseLikelihood(everyNth(tuples, WARM_START_STRIDE), start, search);
    start = Array.from(warm.point);
    inverseHessian = warm.inverseHessian;
  }
  const result = maximiseLikelihood(tuples, start, { ...search, ...(inverseHessian ? { inverseHessian } : {}) });
  const estimates = parametersAt(result.point);
  const largestGradient = Math.max(...Array.from(result.gradient, Math.abs));
  if (result.stop !== 'gradient' && !(result.stop === 'no-progress' && largestGradient < STALL_TOLERANCE))
    throw new ScoringError('fit_failed', `the BG/NBD fit did not converge (${result.stop})`, {
      ...estimates,
      largestGradient,
      iterations: result.iterations,
    });
  return {
    ...estimates,
    logLikelihood: -result.value * tuples.customers,
    customers: tuples.customers,
    distinctHistories: tuples.counts.length,
    iterations: result.iterations,
  };
}

function parametersAt(logs: Float64Array): BgNbdParameters {
  return { r: Math.exp(logs[0]!), alpha: Math.exp(logs[1]!), a: Math.exp(logs[2]!), b: Math.exp(logs[3]!) };
}

function maximiseLikelihood(
  tuples: CustomerTuples,
  start: readonly number[],
  options: Partial<BfgsOptions>,
): BfgsResult {
  const logGradient = new Float64Array(4);
  return minimiseBfgs(
    (logs, gradient) => {
      const logLikelihood = bgNbdLogLikelihood(tuples, parametersAt(logs), logGradient);
      for (let i = 0; i < 4; i++) gradient[i] = -logGradient[i]! / tuples.customers;
      return -logLikelihood / tuples.customers;
    },
    start,
    options,
  );
}

/** Every nth distinct history with its count (the per-customer index is not carried). */
function everyNth(tuples: CustomerTuples, n: number): CustomerTuples {
  const pick = <T extends Int32Array | Float64Array>(values: T): T => values.filter((_, i) => i % n === 0) as T;
  const counts = pick(tuples.counts);
  return {
    frequencies: tuples.frequencies,
    times: tuples.times,
    frequencyIndex: pick(tuples.frequencyIndex),
    recencyIndex: pick(tuples.recencyIndex),
    ageIndex: pick(tuples.ageIndex),
    counts,
    tupleOfCustomer: new Int32Array(0),
    customers: counts.reduce((sum, count) => sum + count, 0),
  };
}

function isTuples(value: readonly RepeatPurchaseHistory[] | CustomerTuples): value is CustomerTuples {
  return 'tupleOfCustomer' in value;
}

/**
 * alpha is a time scale (a purchase rate's Gamma has mean r/alpha): start it at the observation
 * time per purchase, so the search starts in the right units whether time is in days or weeks.
 */
function startingAlpha({ frequencies, times, frequencyIndex, ageIndex, counts }: CustomerTuples): number {
  let purchases = 0;
  let time = 0;
  for (let i = 0; i < counts.length; i++) {
    purchases += counts[i]! * frequencies[frequencyIndex[i]!]!;
    time += counts[i]! * times[ageIndex[i]!]!;
  }
  return purchases > 0 && time > 0 ? time / purchases : 1;
}
