import { summarise, welchInterval } from './welch-interval';

describe('welchInterval', () => {
  // R's built-in `sleep` data (Cushny & Peebles): extra sleep in hours under two drugs, 10 patients each.
  const drug1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
  const drug2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

  it("matches R's t.test(extra ~ group, data = sleep): t = -1.8608, df = 17.776, p = 0.07939, CI -3.3654832 to 0.2054832", () => {
    const result = welchInterval(summarise(drug1), summarise(drug2))!;
    expect(result.difference).toBeCloseTo(0.75 - 2.33, 12);
    expect(result.t).toBeCloseTo(-1.8608, 4);
    expect(result.df).toBeCloseTo(17.776, 3);
    expect(result.pValue).toBeCloseTo(0.07939, 5);
    expect(result.lower).toBeCloseTo(-3.3654832, 6);
    expect(result.upper).toBeCloseTo(0.2054832, 6);
  });

  it('is exact when nobody varies, and null below two customers a group', () => {
    expect(welchInterval({ n: 5, mean: 100, variance: 0 }, { n: 5, mean: 100, variance: 0 })).toMatchObject({
      difference: 0,
      lower: 0,
      upper: 0,
      pValue: 1,
    });
    expect(welchInterval({ n: 1, mean: 100, variance: 0 }, { n: 5, mean: 100, variance: 4 })).toBeNull();
  });

  it('refuses a negative variance', () => {
    expect(() => welchInterval({ n: 5, mean: 1, variance: -1 }, { n: 5, mean: 1, variance: 1 })).toThrow(
      /group1\.variance must be >= 0/,
    );
  });
});
