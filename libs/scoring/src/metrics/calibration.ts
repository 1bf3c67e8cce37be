export interface CalibrationBin {
  /** 1 = lowest predicted probabilities. */
  bin: number;
  rows: number;
  meanPredicted: number;
  observedRate: number;
}

/**
 * Reliability table: rows sorted by predicted probability, cut into `bins` groups of equal size
 * (the first groups take one row more when n is not a multiple), each with its mean prediction and
 * observed rate. A calibrated model has meanPredicted close to observedRate in every bin.
 */
export function calibrationTable(
  predicted: Float64Array,
  labels: Uint8Array,
  rows: Uint32Array | null = null,
  bins = 10,
): CalibrationBin[] {
  const n = rows ? rows.length : predicted.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = rows ? rows[i]! : i;
  // Ties broken by row index so the table does not depend on the sort's stability.
  order.sort((a, b) => predicted[a]! - predicted[b]! || a - b);
  const table: CalibrationBin[] = [];
  const count = Math.min(bins, n);
  let start = 0;
  for (let b = 0; b < count; b++) {
    const size = Math.floor(n / count) + (b < n % count ? 1 : 0);
    let sumPredicted = 0;
    let positives = 0;
    for (let k = start; k < start + size; k++) {
      sumPredicted += predicted[order[k]!]!;
      positives += labels[order[k]!]!;
    }
    table.push({ bin: b + 1, rows: size, meanPredicted: sumPredicted / size, observedRate: positives / size });
    start += size;
  }
  return table;
}

/** Expected calibration error: the row-weighted mean |meanPredicted - observedRate| over the bins. */
export function expectedCalibrationError(table: readonly CalibrationBin[]): number {
  const rows = table.reduce((sum, bin) => sum + bin.rows, 0);
  if (rows === 0) return Number.NaN;
  return table.reduce((sum, bin) => sum + bin.rows * Math.abs(bin.meanPredicted - bin.observedRate), 0) / rows;
}
