/**
 * A smooth function to minimise: returns its value at `point` and writes its gradient into
 * `gradient`. A value of NaN or Infinity means "outside the domain": the line search steps back.
 */
export type DifferentiableObjective = (point: Float64Array, gradient: Float64Array) => number;

export interface BfgsOptions {
  /** Stop when every gradient component is this small. */
  gradientTolerance: number;
  maxIterations: number;
  /**
   * A starting inverse Hessian (row-major n x n), e.g. the one a fit on a subsample ended with: with
   * it and a start near the minimum, the search needs a few iterations instead of a few dozen.
   */
  inverseHessian?: Float64Array;
}

/** Why the search stopped: a (near) stationary point, no further decrease possible, or out of iterations. */
export type BfgsStop = 'gradient' | 'no-progress' | 'iterations';

export interface BfgsResult {
  point: Float64Array;
  value: number;
  gradient: Float64Array;
  iterations: number;
  evaluations: number;
  stop: BfgsStop;
  /** The final approximation of the inverse Hessian, to warm-start a related search. */
  inverseHessian: Float64Array;
}

const DEFAULTS = { gradientTolerance: 1e-9, maxIterations: 500 };
// Weak Wolfe constants of Nocedal & Wright (Numerical Optimization, 2nd ed., 3.6): a sufficient
// decrease that is easy to meet and a curvature condition loose enough for quasi-Newton steps.
const SUFFICIENT_DECREASE = 1e-4;
const CURVATURE = 0.9;
const MAX_LINE_SEARCH_STEPS = 40;
const PREDICTED_DECREASE_FLOOR = 1e-13;
const STALL_DECREASE = 1e-15;
const MAX_STALLS = 3;

/**
 * Quasi-Newton minimisation (BFGS with the inverse-Hessian update and a bisecting weak-Wolfe line
 * search, Lewis & Overton 2013). Meant for the handful of parameters of the repeat-purchase models,
 * where a dense n x n matrix costs nothing next to one evaluation of the likelihood.
 */
export function minimiseBfgs(
  objective: DifferentiableObjective,
  start: readonly number[],
  options: Partial<BfgsOptions> = {},
): BfgsResult {
  const { gradientTolerance, maxIterations } = { ...DEFAULTS, ...options };
  const n = start.length;
  let point = Float64Array.from(start);
  let gradient = new Float64Array(n);
  let value = objective(point, gradient);
  let evaluations = 1;
  if (!Number.isFinite(value))
    throw new RangeError(`the objective is not finite at the start point ${start.join(', ')}`);
  const inverseHessian = options.inverseHessian ? Float64Array.from(options.inverseHessian) : identity(n);
  const direction = new Float64Array(n);
  let trialPoint = new Float64Array(n);
  let trialGradient = new Float64Array(n);
  const step = new Float64Array(n);
  const gradientChange = new Float64Array(n);
  let scaled = options.inverseHessian !== undefined;
  let stalls = 0;

  for (let iteration = 0; iteration < maxIterations; iteration++) {
    if (maxAbs(gradient) <= gradientTolerance)
      return { point, value, gradient, iterations: iteration, evaluations, stop: 'gradient', inverseHessian };
    multiply(inverseHessian, gradient, direction, -1);
    let slope = dot(gradient, direction);
    if (!(slope < 0)) {
      // Rounding has spoilt the approximation: start again from steepest descent.
      setIdentity(inverseHessian);
      scaled = false;
      for (let i = 0; i < n; i++) direction[i] = -gradient[i]!;
      slope = dot(gradient, direction);
    }
    // A full step would lower the value by about -slope/2: below the rounding of a sum of many terms,
    // the line search would only chase noise (dozens of evaluations of the objective for nothing).
    if (-slope <= PREDICTED_DECREASE_FLOOR * Math.abs(value))
      return { point, value, gradient, iterations: iteration, evaluations, stop: 'no-progress', inverseHessian };

    let low = 0;
    let high = Infinity;
    let size = 1;
    let trialValue = NaN;
    let accepted = false;
    for (let attempt = 0; attempt < MAX_LINE_SEARCH_STEPS; attempt++) {
      for (let i = 0; i < n; i++) trialPoint[i] = point[i]! + size * direction[i]!;
      trialValue = objective(trialPoint, trialGradient);
      evaluations++;
      if (!Number.isFinite(trialValue) || trialValue > value + SUFFICIENT_DECREASE * size * slope) high = size;
      else if (dot(trialGradient, direction) < CURVATURE * slope) low = size;
      else {
        accepted = true;
        break;
      }
      size = high === Infinity ? 2 * low : (low + high) / 2;
    }
    if (!accepted) {
      // The sufficient-decrease point found last (if any) still improves on the current one.
      if (low === 0)
        return { point, value, gradient, iterations: iteration, evaluations, stop: 'no-progress', inverseHessian };
      for (let i = 0; i < n; i++) trialPoint[i] = point[i]! + low * direction[i]!;
      trialValue = objective(trialPoint, trialGradient);
      evaluations++;
    }

    for (let i = 0; i < n; i++) {
      step[i] = trialPoint[i]! - point[i]!;
      gradientChange[i] = trialGradient[i]! - gradient[i]!;
    }
    const curvature = dot(step, gradientChange);
    if (curvature > 1e-300) {
      if (!scaled) {
        // Nocedal & Wright (6.20): scale the first approximation to the curvature just seen.
        const scale = curvature / dot(gradientChange, gradientChange);
        for (let i = 0; i < n * n; i++) inverseHessian[i] = inverseHessian[i]! * scale;
        scaled = true;
      }
      updateInverseHessian(inverseHessian, step, gradientChange, curvature);
    }
    // At the rounding floor of the objective, steps stop decreasing it: a few in a row mean no more.
    stalls = value - trialValue <= STALL_DECREASE * Math.max(1, Math.abs(value)) ? stalls + 1 : 0;
    [point, trialPoint] = [trialPoint, point];
    [gradient, trialGradient] = [trialGradient, gradient];
    value = trialValue;
    if (stalls >= MAX_STALLS)
      return { point, value, gradient, iterations: iteration + 1, evaluations, stop: 'no-progress', inverseHessian };
  }
  return {
    point,
    value,
    gradient,
    iterations: maxIterations,
    evaluations,
    stop: maxAbs(gradient) <= gradientTolerance ? 'gradient' : 'iterations',
    inverseHessian,
  };
}

/** H <- (I - rho s y') H (I - rho y s') + rho s s', rho = 1 / (y's) (Nocedal & Wright 6.17). */
function updateInverseHessian(h: Float64Array, s: Float64Array, y: Float64Array, sy: number): void {
  const n = s.length;
  const rho = 1 / sy;
  const hy = new Float64Array(n);
  multiply(h, y, hy, 1);
  const yhy = dot(y, hy);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++)
      h[i * n + j] = h[i * n + j]! - rho * (hy[i]! * s[j]! + s[i]! * hy[j]!) + (rho * rho * yhy + rho) * s[i]! * s[j]!;
}

function identity(n: number): Float64Array {
  const m = new Float64Array(n * n);
  setIdentity(m);
  return m;
}

function setIdentity(m: Float64Array): void {
  const n = Math.round(Math.sqrt(m.length));
  m.fill(0);
  for (let i = 0; i < n; i++) m[i * n + i] = 1;
}

/** out = sign * M v, for a square row-major M. */
function multiply(m: Float64Array, v: Float64Array, out: Float64Array, sign: number): void {
  const n = v.length;
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let j = 0; j < n; j++) sum += m[i * n + j]! * v[j]!;
    out[i] = sign * sum;
  }
}

function dot(u: Float64Array, v: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < u.length; i++) sum += u[i]! * v[i]!;
  return sum;
}

function maxAbs(v: Float64Array): number {
  let max = 0;
  for (const x of v) max = Math.max(max, Math.abs(x));
  return max;
}
