import { scoreDistribution } from './score-distribution';

describe('scoreDistribution', () => {
  it('gives the mean and nearest-rank percentiles of the finite scores', () => {
    const values = Float64Array.from([0.9, 0.1, 0.5, 0.3, 0.7, 0.2, 0.4, 0.6, 0.8, 1.0, Number.NaN]);
    expect(scoreDistribution(values)).toEqual({ customers: 10, mean: 0.55, p10: 0.1, p50: 0.5, p90: 0.9 });
  });

  it('has no figures without scores', () => {
    expect(scoreDistribution(new Float64Array(0)).customers).toBe(0);
    expect(scoreDistribution(new Float64Array(0)).mean).toBeNaN();
  });
});
