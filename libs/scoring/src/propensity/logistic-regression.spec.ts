import { fitLogisticRegression, predictLogistic } from './logistic-regression';
import { fitStandardisation } from './standardisation';

function fit(x: number[][], y: number[], l2: number) {
  const p = x[0]!.length;
  const features = Float64Array.from(x.flat());
  const labels = Uint8Array.from(y);
  const rows = Uint32Array.from(y.keys());
  const standardisation = fitStandardisation(features, p, rows);
  return { standardisation, ...fitLogisticRegression(features, p, labels, rows, standardisation, { l2 }) };
}

const logit = (p: number) => Math.log(p / (1 - p));

describe('fitLogisticRegression', () => {
  it('finds the closed-form MLE of one binary feature: logits of the two groups', () => {
    // x = 0: 1 response of 4 (p = 1/4); x = 1: 3 of 4 (p = 3/4). MLE: β0 = logit(1/4), β1 = logit(3/4) - logit(1/4).
    const x = [[0], [0], [0], [0], [1], [1], [1], [1]];
    const y = [1, 0, 0, 0, 1, 1, 1, 0];
    const result = fit(x, y, 0);
    expect(result.converged).toBe(true);
    // Mean 0.5, sd 0.5: the standardised slope is half the raw one; the raw intercept adds back μ/σ.
    const { means, scales } = result.standardisation;
    expect(means).toEqual([0.5]);
    expect(scales).toEqual([0.5]);
    const rawSlope = result.coefficients[0]! / scales[0]!;
    const rawIntercept = result.intercept - rawSlope * means[0]!;
    expect(rawSlope).toBeCloseTo(logit(3 / 4) - logit(1 / 4), 8);
    expect(rawIntercept).toBeCloseTo(logit(1 / 4), 8);
    // ℓ = 4·[¼ log ¼ + ¾ log ¾] · 2 (both groups have the same entropy).
    expect(result.logLikelihood).toBeCloseTo(8 * (0.25 * Math.log(0.25) + 0.75 * Math.log(0.75)), 8);
  });

  it('keeps separable data finite with a penalty, at the root of the penalised score equation', () => {
    // x = -1 never responds, x = +1 always does: without a penalty β → ∞. Standardised x is x itself
    // (mean 0, sd 1); by symmetry β0 = 0 and the score equation is 2·σ(-β) = λ·β.
    const x = [[-1], [1]];
    const y = [0, 1];
    const result = fit(x, y, 1);
    expect(result.converged).toBe(true);
    let beta = 0.5;
    for (let i = 0; i < 200; i++) beta = 2 / (1 + Math.exp(beta)); // fixed point of β = 2σ(-β)
    expect(result.intercept).toBeCloseTo(0, 10);
    expect(result.coefficients[0]).toBeCloseTo(beta, 8);
    expect(beta).toBeCloseTo(0.6748, 4); // 2·σ(-0.6748) = 2 · 0.33741
  });

  it('shrinks coefficients as the penalty grows', () => {
    const x = [[-2], [-1], [1], [2]];
    const y = [0, 0, 1, 1];
    const slopes = [0.01, 0.1, 1, 10].map((l2) => fit(x, y, l2).coefficients[0]!);
    for (let i = 1; i < slopes.length; i++) expect(slopes[i]!).toBeLessThan(slopes[i - 1]!);
    expect(slopes.every(Number.isFinite)).toBe(true);
  });

  it('gives a constant feature no weight and the base rate to the intercept', () => {
    const x = [[3], [3], [3], [3]];
    const y = [1, 0, 0, 0];
    const result = fit(x, y, 1);
    expect(result.coefficients[0]).toBe(0);
    expect(result.intercept).toBeCloseTo(logit(0.25), 8);
    const predicted = predictLogistic(result, result.standardisation, Float64Array.from([3]), 1);
    expect(predicted[0]).toBeCloseTo(0.25, 8);
  });

  it('is deterministic: the same rows give the same bits', () => {
    const x = Array.from({ length: 200 }, (_, i) => [Math.sin(i), (i % 7) / 7]);
    const y: number[] = x.map(([a, b]) => (a! + b! > 0.6 ? 1 : 0));
    y[3] = 1 - y[3]!;
    expect(fit(x, y, 0.5)).toEqual(fit(x, y, 0.5));
  });
});
