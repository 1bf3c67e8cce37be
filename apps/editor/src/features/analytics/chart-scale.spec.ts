import { linePath, linearScale, niceTicks, peakOf, profitCurvePoints } from './chart-scale';

describe('chart scales', () => {
  it('maps a domain onto a range, reversed for SVG y', () => {
    const y = linearScale([0, 100], [200, 0]);
    expect(y(0)).toBe(200);
    expect(y(25)).toBe(150);
    expect(linearScale([5, 5], [0, 10])(5)).toBe(5);
  });

  it('picks round ticks that cover the values', () => {
    expect(niceTicks(0, 97)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(-12_000, 48_000)).toEqual([-20_000, 0, 20_000, 40_000, 60_000]);
    expect(niceTicks(0, 0.3, 3)).toEqual([0, 0.1, 0.2, 0.3]);
    expect(niceTicks(0, 0)).toEqual([0, 1]);
    expect(niceTicks(7, 7)).toEqual([0, 2, 4, 6, 8]);
  });

  it('draws the profit curve from the origin', () => {
    const points = profitCurvePoints([
      { contacts: 10, expectedProfit: 500 },
      { contacts: 30, expectedProfit: 200 },
    ]);
    expect(points).toEqual([
      { x: 0, y: 0 },
      { x: 10, y: 500 },
      { x: 30, y: 200 },
    ]);
    expect(linePath(points)).toBe('M0 0 L10 500 L30 200');
    expect(peakOf(points)).toEqual({ x: 10, y: 500 });
    expect(peakOf([])).toBeNull();
  });
});
