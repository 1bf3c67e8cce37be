import type { Random } from './random';

/**
 * Weighted choice in O(1) per draw with Walker's alias method (Vose's construction, "A Linear
 * Algorithm for Generating Random Numbers with a Given Distribution", 1991). The hot loops (products,
 * hours, quantities) draw millions of times, so a binary search per draw would show.
 */
export class WeightedTable {
  readonly size: number;
  private readonly threshold: Float64Array;
  private readonly alias: Int32Array;

  constructor(weights: readonly number[]) {
    const n = weights.length;
    const total = weights.reduce((sum, weight) => sum + weight, 0);
    if (n === 0 || !(total > 0) || weights.some((weight) => weight < 0 || !Number.isFinite(weight))) {
      throw new RangeError('weights must be finite, non-negative and not all zero');
    }
    this.size = n;
    this.threshold = new Float64Array(n);
    this.alias = new Int32Array(n);
    const scaled = weights.map((weight) => (weight * n) / total);
    const small: number[] = [];
    const large: number[] = [];
    scaled.forEach((value, index) => (value < 1 ? small : large).push(index));
    for (;;) {
      const less = small.pop();
      const more = large.pop();
      if (less === undefined || more === undefined) {
        // Leftovers are 1 up to rounding error.
        for (const index of [less, more, ...small, ...large]) {
          if (index !== undefined) this.threshold[index] = 1;
        }
        break;
      }
      const lessValue = scaled[less] ?? 0;
      this.threshold[less] = lessValue;
      this.alias[less] = more;
      const remaining = (scaled[more] ?? 0) + lessValue - 1;
      scaled[more] = remaining;
      (remaining < 1 ? small : large).push(more);
    }
  }

  pick(random: Random): number {
    const u = random.float() * this.size;
    const column = Math.floor(u);
    return u - column < (this.threshold[column] ?? 1) ? column : (this.alias[column] ?? column);
  }
}
