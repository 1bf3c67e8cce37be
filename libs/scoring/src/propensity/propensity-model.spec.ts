import { InsufficientDataError } from './insufficient-data.error';
import { fitPropensity, rawIntercept, scorePropensity, type PropensityDataset } from './propensity-model';

/** A deterministic data set: response odds rise with `clicks` and do not depend on `noise`. */
function dataset(rows: number): PropensityDataset {
  const features = new Float64Array(rows * 2);
  const responded = new Uint8Array(rows);
  const customerIds = new Int32Array(rows);
  let state = 12345;
  const next = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 4294967296;
  };
  for (let i = 0; i < rows; i++) {
    const clicks = Math.floor(next() * 5);
    features[i * 2] = clicks;
    features[i * 2 + 1] = next();
    responded[i] = next() < 1 / (1 + Math.exp(-(-2 + 0.8 * clicks))) ? 1 : 0;
    customerIds[i] = 1 + Math.floor(i / 3);
  }
  return { featureNames: ['clicks', 'noise'], features, responded, customerIds };
}

describe('fitPropensity', () => {
  const data = dataset(30_000);
  const fit = fitPropensity(data, { l2: 1 });

  it('recovers the generating coefficients on the raw scale', () => {
    const clicks = fit.effects.find((e) => e.feature === 'clicks')!;
    expect(clicks.rawCoefficient).toBeCloseTo(0.8, 1);
    expect(rawIntercept(fit.model)).toBeCloseTo(-2, 0);
    expect(Math.abs(fit.effects.find((e) => e.feature === 'noise')!.rawCoefficient)).toBeLessThan(0.1);
    expect(fit.effects[0]!.feature).toBe('clicks');
  });

  it('reports held-out AUC, calibration per decile and the split sizes', () => {
    expect(fit.metrics.trainingRows + fit.metrics.heldOutRows).toBe(30_000);
    expect(fit.metrics.heldOutRows / 30_000).toBeGreaterThan(0.17);
    expect(fit.metrics.heldOutRows / 30_000).toBeLessThan(0.23);
    expect(fit.metrics.auc).toBeGreaterThan(0.65);
    expect(fit.metrics.calibration).toHaveLength(10);
    expect(fit.metrics.expectedCalibrationError).toBeLessThan(0.03);
    expect(fit.metrics.converged).toBe(true);
  });

  it('scores new rows with the fitted model', () => {
    const scores = scorePropensity(fit.model, Float64Array.from([0, 0.5, 4, 0.5]));
    expect(scores[1]!).toBeGreaterThan(scores[0]!);
    expect(scores[0]).toBeCloseTo(1 / (1 + Math.exp(2)), 1);
  });

  it('refuses data with too few responses, naming the side', () => {
    const none = { ...data, responded: new Uint8Array(data.responded.length) };
    expect(() => fitPropensity(none, {}, 'propensity_email')).toThrow(InsufficientDataError);
    expect(() => fitPropensity(none, {}, 'propensity_email')).toThrow(/propensity_email.*training/);
  });
});
