import { withChanges } from './fit-history';
import type { ScoreFitRecord } from './score-fit.repository';

const fit = (model: string, version: number, metrics: Record<string, unknown>): ScoreFitRecord => ({
  id: version,
  model,
  version,
  fittedAt: new Date(Date.UTC(2026, 11, version)),
  parameters: {},
  metrics,
  rows: 10,
  scored: 5,
  tookMs: 1,
});

describe('withChanges', () => {
  it('compares each fit with the previous fit of its model', () => {
    const fits = [
      fit('propensity_email', 3, { auc: 0.75, scores: { propensity_email: { mean: 0.12 } } }),
      fit('repeat_purchase', 2, { scores: { p_alive: { mean: 0.5 } } }),
      fit('propensity_email', 2, { auc: 0.7, scores: { propensity_email: { mean: 0.1 } } }),
      fit('propensity_email', 1, { auc: 0.6 }),
    ];
    const changes = withChanges(fits).map((f) => f.change);
    expect(changes[0]!.previousVersion).toBe(2);
    expect(changes[0]!.auc).toBeCloseTo(0.05, 12);
    expect(changes[0]!.meanScore.propensity_email).toBeCloseTo(0.02, 12);
    expect(changes[1]).toBeNull();
    expect(changes[2]).toEqual({ previousVersion: 1, auc: expect.closeTo(0.1, 12), meanScore: {} });
    expect(changes[3]).toBeNull();
  });

  it('has no AUC change for models without one', () => {
    const [latest] = withChanges([
      fit('repeat_purchase', 2, { scores: { p_alive: { mean: 0.4 } } }),
      fit('repeat_purchase', 1, { scores: { p_alive: { mean: 0.5 } } }),
    ]);
    expect(latest!.change!.auc).toBeNull();
    expect(latest!.change!.meanScore.p_alive).toBeCloseTo(-0.1, 12);
  });
});
