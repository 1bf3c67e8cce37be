import { fmix32, Random, seedHash } from './random';

describe('fmix32', () => {
  it('is MurmurHash3 finaliser', () => {
    expect(fmix32(0)).toBe(0);
    expect(fmix32(1)).toBe(0x514e28b7);
  });

  it('is a bijection (no collisions over a range)', () => {
    const seen = new Set<number>();
    for (let value = 0; value < 100_000; value++) seen.add(fmix32(value));
    expect(seen.size).toBe(100_000);
  });
});

describe('seedHash', () => {
  it('keeps the high bits of large seeds', () => {
    expect(seedHash(1)).not.toBe(seedHash(2 ** 32 + 1));
    expect(seedHash(-1)).not.toBe(seedHash(2 ** 32 - 1));
  });
});

describe('Random', () => {
  it('repeats a sequence for the same (seed, key, stream) and differs otherwise', () => {
    const draw = (seed: number, key: number, stream: number): number[] => {
      const random = new Random(seed, key, stream);
      return Array.from({ length: 5 }, () => random.uint32());
    };
    expect(draw(1, 2, 3)).toEqual(draw(1, 2, 3));
    expect(draw(1, 2, 3)).not.toEqual(draw(1, 3, 3));
    expect(draw(1, 2, 3)).not.toEqual(draw(1, 2, 4));
    expect(draw(1, 2, 3)).not.toEqual(draw(2, 2, 3));
  });

  it('draws uniform floats and integers in range', () => {
    const random = new Random(seedHash(42), 0, 1);
    let sum = 0;
    const buckets = [0, 0, 0, 0];
    for (let n = 0; n < 40_000; n++) {
      const value = random.float();
      expect(value >= 0 && value < 1).toBe(true);
      sum += value;
      const bucket = random.below(4);
      buckets[bucket] = (buckets[bucket] ?? 0) + 1;
    }
    expect(sum / 40_000).toBeCloseTo(0.5, 2);
    for (const count of buckets) expect(Math.abs(count - 10_000)).toBeLessThan(400);
    for (let n = 0; n < 1000; n++) {
      const value = random.between(3, 5);
      expect([3, 4, 5]).toContain(value);
    }
  });

  it('draws gamma (Erlang) variates with the requested mean', () => {
    const random = new Random(seedHash(7), 1, 2);
    let sum = 0;
    for (let n = 0; n < 20_000; n++) sum += random.gamma(45, 4);
    expect(sum / 20_000).toBeGreaterThan(44);
    expect(sum / 20_000).toBeLessThan(46);
  });
});
