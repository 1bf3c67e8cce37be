import type { ScoreFitRecord } from './score-fit.repository';

/** How a fit moved against the previous fit of the same model. */
export interface FitChange {
  previousVersion: number;
  /** Held-out AUC now minus before (propensity models), null when either has none. */
  auc: number | null;
  /** Per score name: mean score now minus before. */
  meanScore: Record<string, number>;
}

function number(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function means(metrics: Record<string, unknown>): Record<string, number> {
  const scores = metrics.scores;
  if (typeof scores !== 'object' || scores === null) return {};
  const result: Record<string, number> = {};
  for (const [name, summary] of Object.entries(scores as Record<string, unknown>)) {
    const mean = number((summary as { mean?: unknown } | null)?.mean);
    if (mean !== null) result[name] = mean;
  }
  return result;
}

/**
 * Each fit with its change against the next older fit of its model in the list (newest first), so
 * the API shows how AUC and scores moved after a campaign's responses came in.
 */
export function withChanges(fits: readonly ScoreFitRecord[]): (ScoreFitRecord & { change: FitChange | null })[] {
  return fits.map((fit, index) => {
    const previous = fits.slice(index + 1).find((other) => other.model === fit.model);
    if (!previous) return { ...fit, change: null };
    const [now, before] = [number(fit.metrics.auc), number(previous.metrics.auc)];
    const [meansNow, meansBefore] = [means(fit.metrics), means(previous.metrics)];
    const meanScore: Record<string, number> = {};
    for (const [name, mean] of Object.entries(meansNow)) {
      if (meansBefore[name] !== undefined) meanScore[name] = mean - meansBefore[name];
    }
    return {
      ...fit,
      change: {
        previousVersion: previous.version,
        auc: now !== null && before !== null ? now - before : null,
        meanScore,
      },
    };
  });
}
