import { z } from 'zod';
import { minimiseBfgs } from '../optimisation/bfgs';
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
}

// A stationary point to this tolerance fixes the parameters to far more than the 3 significant digits
// the paper reports; a stall above it but below this one is rounding, not a failed fit.
const DEFAULT_TOLERANCE = 1e-8;
const STALL_TOLERANCE = 1e-5;

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
  const customers = tuples.customers;
  const parameters = (logs: Float64Array): BgNbdParameters => ({
    r: Math.exp(logs[0]!),
    alpha: Math.exp(logs[1]!),
    a: Math.exp(logs[2]!),
    b: Math.exp(logs[3]!),
  });
  const logGradient = new Float64Array(4);
  const result = minimiseBfgs(
    (logs, gradient) => {
      const logLikelihood = bgNbdLogLikelihood(tuples, parameters(logs), logGradient);
      for (let i = 0; i < 4; i++) gradient[i] = -logGradient[i]! / customers;
      return -logLikelihood / customers;
    },
    [0, Math.log(startingAlpha(tuples)), 0, 0],
    { gradientTolerance: options.gradientTolerance ?? DEFAULT_TOLERANCE, maxIterations: options.maxIterations ?? 500 },
  );
  const estimates = parameters(result.point);
  const largestGradient = Math.max(...Array.from(result.gradient, Math.abs));
  if (result.stop !== 'gradient' && !(result.stop === 'no-progress' && largestGradient < STALL_TOLERANCE))
    throw new ScoringError('fit_failed', `the BG/NBD fit did not converge (${result.stop})`, {
      ...estimates,
      largestGradient,
      iterations: result.iterations,
    });
  return {
    ...estimates,
    logLikelihood: -result.value * customers,
    customers,
    distinctHistories: tuples.counts.length,
    iterations: result.iterations,
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
