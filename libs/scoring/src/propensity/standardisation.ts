/** Per-feature centre and scale: z = (x - mean) / scale. */
export interface Standardisation {
  means: number[];
  /** Population standard deviations; 1 for a constant feature (its z is 0 everywhere). */
  scales: number[];
}

/**
 * Means and population standard deviations of each column of a row-major matrix over the given
 * rows (two passes: the one-pass formula loses precision on large, similar values).
 */
export function fitStandardisation(features: Float64Array, featureCount: number, rows: Uint32Array): Standardisation {
  const p = featureCount;
  const means = new Float64Array(p);
  const squares = new Float64Array(p);
  for (let r = 0; r < rows.length; r++) {
    const offset = rows[r]! * p;
    for (let j = 0; j < p; j++) means[j]! += features[offset + j]!;
  }
  const n = Math.max(1, rows.length);
  for (let j = 0; j < p; j++) means[j]! /= n;
  for (let r = 0; r < rows.length; r++) {
    const offset = rows[r]! * p;
    for (let j = 0; j < p; j++) {
      const d = features[offset + j]! - means[j]!;
      squares[j]! += d * d;
    }
  }
  const scales = Array.from(squares, (s) => {
    const sd = Math.sqrt(s / n);
    // Relative threshold: a column equal up to rounding is constant.
    return sd > 1e-12 ? sd : 1;
  });
  return { means: Array.from(means), scales };
}
