import { deterministicDraw, pickWeighted } from './deterministic-draw';

describe('deterministicDraw', () => {
  it('draws the same number for a key, every run (regression guard on the hash)', () => {
    expect(deterministicDraw('holdout:1:42')).toBe(0.3787769067566842);
    expect(deterministicDraw('split:1:split:42')).toBe(0.8868273121770471);
    expect(deterministicDraw('')).toBe(0.6689221884589642);
  });

  it('draws in [0, 1), spread evenly over 10,000 neighbouring keys', () => {
    const deciles = new Array<number>(10).fill(0);
    for (let customerId = 1; customerId <= 10_000; customerId++) {
      const draw = deterministicDraw(`holdout:7:${customerId}`);
      expect(draw).toBeGreaterThanOrEqual(0);
      expect(draw).toBeLessThan(1);
      deciles[Math.floor(draw * 10)]!++;
    }
    // Binomial(10,000, 0.1) has a standard deviation of 30: each decile within 100 is about 3.3 of them.
    for (const count of deciles) expect(Math.abs(count - 1000)).toBeLessThan(100);
  });

  it('lands keys that differ in one character far apart', () => {
    expect(Math.abs(deterministicDraw('holdout:1:42') - deterministicDraw('holdout:1:43'))).toBeGreaterThan(0.01);
    expect(Math.abs(deterministicDraw('holdout:1:42') - deterministicDraw('holdout:2:42'))).toBeGreaterThan(0.01);
  });
});

describe('pickWeighted', () => {
  const arms = [
    { id: 'a', weight: 50 },
    { id: 'b', weight: 30 },
    { id: 'c', weight: 20 },
  ];
  const pick = (draw: number, from = arms) => pickWeighted(from, draw)?.id;

  it('picks the arm whose cumulative band holds the draw, bands closed below and open above', () => {
    expect([0, 0.4999, 0.5, 0.7999, 0.8, 0.9999].map((draw) => pick(draw))).toEqual(['a', 'a', 'b', 'b', 'c', 'c']);
  });

  it('scales weights that do not sum to 100', () => {
    const arms13 = [
      { id: 'x', weight: 1 },
      { id: 'y', weight: 3 },
    ];
    expect(pick(0.2499, arms13)).toBe('x');
    expect(pick(0.25, arms13)).toBe('y');
  });

  it('never picks an arm of weight 0, and nothing when all weigh 0', () => {
    const zeroFirst = [
      { id: 'off', weight: 0 },
      { id: 'on', weight: 100 },
    ];
    expect(pick(0, zeroFirst)).toBe('on');
    expect(pick(0.5, [...arms, { id: 'off', weight: 0 }])).toBe('b');
    expect(pickWeighted([{ weight: 0 }, { weight: 0 }], 0.3)).toBeUndefined();
    expect(pickWeighted([], 0.3)).toBeUndefined();
  });
});
