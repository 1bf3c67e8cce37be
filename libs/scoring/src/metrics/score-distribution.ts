/** How a model's scores are spread over the customers it scored: what moves between fits. */
export interface ScoreDistribution {
  customers: number;
  mean: number;
  p10: number;
  p50: number;
  p90: number;
}

/** Nearest-rank percentile of sorted values (p in 0..1). */
function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

/** Mean and 10th/50th/90th percentiles (nearest rank) of the finite values; NaN figures when none. */
export function scoreDistribution(values: Float64Array): ScoreDistribution {
  let count = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) count++;
  const finite = new Float64Array(count);
  let k = 0;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (Number.isFinite(value)) {
      finite[k++] = value;
      sum += value;
    }
  }
  finite.sort();
  if (count === 0) return { customers: 0, mean: Number.NaN, p10: Number.NaN, p50: Number.NaN, p90: Number.NaN };
  return {
    customers: count,
    mean: sum / count,
    p10: percentile(finite, 0.1),
    p50: percentile(finite, 0.5),
    p90: percentile(finite, 0.9),
  };
}
