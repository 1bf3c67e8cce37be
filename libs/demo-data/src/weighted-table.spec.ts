import { Random } from './random';
import { WeightedTable } from './weighted-table';

describe('WeightedTable', () => {
  it('draws each index in proportion to its weight', () => {
    const table = new WeightedTable([1, 0, 3, 6]);
    const random = new Random(1, 2, 3);
    const counts = [0, 0, 0, 0];
    for (let n = 0; n < 100_000; n++) {
      const index = table.pick(random);
      counts[index] = (counts[index] ?? 0) + 1;
    }
    expect(counts[1]).toBe(0);
    expect(Math.abs((counts[0] ?? 0) - 10_000)).toBeLessThan(600);
    expect(Math.abs((counts[2] ?? 0) - 30_000)).toBeLessThan(900);
    expect(Math.abs((counts[3] ?? 0) - 60_000)).toBeLessThan(900);
  });

  it('rejects weights that cannot be drawn from', () => {
    expect(() => new WeightedTable([])).toThrow(RangeError);
    expect(() => new WeightedTable([0, 0])).toThrow(RangeError);
    expect(() => new WeightedTable([1, -1])).toThrow(RangeError);
  });
});
