import { DomainError } from '@kizuna/shared';

/**
 * A statistic asked of figures that cannot carry it (a negative count, more conversions than
 * customers, a confidence level outside (0, 1)). The context names the input and its value.
 */
export class StatisticInputError extends DomainError {
  constructor(statistic: string, field: string, reason: string, value: unknown) {
    super('unprocessable', `${statistic}: ${field} ${reason} (got ${String(value)})`, { statistic, field, value });
  }
}

/** Counts of a group: `x` successes (conversions, repeaters) out of `n` customers. */
export interface Proportion {
  x: number;
  n: number;
}

export function checkProportion(statistic: string, field: string, { x, n }: Proportion): void {
  if (!Number.isInteger(n) || n < 0) throw new StatisticInputError(statistic, `${field}.n`, 'must be a count', n);
  if (!Number.isInteger(x) || x < 0 || x > n) {
    throw new StatisticInputError(statistic, `${field}.x`, `must be a count between 0 and n = ${n}`, x);
  }
}

export function checkConfidence(statistic: string, confidence: number): void {
  if (!(confidence > 0 && confidence < 1)) {
    throw new StatisticInputError(statistic, 'confidence', 'must be between 0 and 1', confidence);
  }
}

export interface Interval {
  lower: number;
  upper: number;
}
