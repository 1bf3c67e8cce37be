/**
 * Seeded randomness. Everything about customer i is drawn from streams keyed by (seed, i, stream), so
 * any table can regenerate any customer without holding the others in memory.
 *
 * The generator is sfc32 (Chris Doty-Humphrey's Small Fast Counting generator from PractRand): it
 * passes PractRand and TestU01 BigCrush, and needs only 32-bit integer operations, which V8 runs as
 * int32 arithmetic. The 64-bit counter-free state makes distinct seeds give distinct sequences.
 */

/** MurmurHash3's finaliser: a bijection on uint32 with full avalanche. */
export function fmix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Folds any safe integer seed to 32 bits without dropping its high part (1 and 2^32 + 1 differ). */
export function seedHash(seed: number): number {
  const low = seed >>> 0;
  const high = Math.floor(seed / 4294967296) >>> 0;
  return fmix32(Math.imul(fmix32(high) ^ 0x9e3779b9, 0x7feb352d) ^ low);
}

/** Named streams: one per concern, so adding a draw in one table never shifts another table's data. */
export const Stream = {
  profile: 1,
  details: 2,
  purchases: 3,
  fulfilment: 4,
  returns: 5,
  consents: 6,
  events: 7,
  orderReference: 8,
  ecRecord: 9,
  posRecord: 10,
  lineRecord: 11,
} as const;
export type StreamId = (typeof Stream)[keyof typeof Stream];

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d = 1;

  /** `seed` should already be a `seedHash`; (key, stream) pairs give distinct, unrelated sequences. */
  constructor(seed: number, key: number, stream: number) {
    this.a = seed | 0;
    this.b = fmix32(key) | 0;
    this.c = fmix32(stream ^ 0x5bd1e995) | 0;
    // The reference implementation discards 12 outputs so that similar seeds decorrelate.
    for (let round = 0; round < 12; round++) this.uint32();
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  below(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** Uniform integer in [low, high] inclusive. */
  between(low: number, high: number): number {
    return low + Math.floor(this.float() * (high - low + 1));
  }

  chance(probability: number): boolean {
    return this.float() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.below(items.length)];
    if (item === undefined) throw new RangeError('cannot pick from an empty list');
    return item;
  }

  /**
   * Erlang (gamma with integer shape) with the given mean: the sum of `shape` exponentials, drawn with
   * one logarithm. Shape 1 is memoryless; higher shapes give the regular rhythm of replenishment buyers.
   */
  gamma(mean: number, shape: number): number {
    let product = 1;
    for (let k = 0; k < shape; k++) product *= 1 - this.float();
    return (-Math.log(product) * mean) / shape;
  }

  /** Exponential with the given mean. */
  exponential(mean: number): number {
    return -Math.log(1 - this.float()) * mean;
  }
}
