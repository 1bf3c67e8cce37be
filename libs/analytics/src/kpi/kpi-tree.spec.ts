import fc from 'fast-check';
import { decompose, kpiTree } from './kpi-tree';

describe('decompose (LMDI)', () => {
  it('splits a sales change into customers, frequency and order value that add up to the yen', () => {
    // 1,000 customers x 1.5 orders x 8,000 yen = 12,000,000 -> 1,100 x 1.5 x 7,500 = 12,375,000.
    const change = decompose(
      { activeCustomers: 1100, orders: 1650, sales: 12_375_000 },
      { activeCustomers: 1000, orders: 1500, sales: 12_000_000 },
    );
    expect(change.salesChange).toBe(375_000);
    expect(change.current).toMatchObject({ frequency: 1.5, averageOrderValue: 7500 });
    // L(V1, V0) = 375,000 / ln(12.375 / 12); x ln 1.1 = 1,161,501 yen from customers, x ln(7,500 / 8,000) from order value.
    const weight = 375_000 / Math.log(12_375_000 / 12_000_000);
    expect(change.contributions.activeCustomers).toBeCloseTo(weight * Math.log(1.1), 6);
    expect(change.contributions.frequency).toBeCloseTo(0, 6);
    expect(change.contributions.averageOrderValue).toBeCloseTo(weight * Math.log(7500 / 8000), 6);
    expect(change.contributions.activeCustomers).toBeCloseTo(1_161_501, 0);
    expect(change.mainDriver).toBe('activeCustomers');
  });

  it('sums to the change for any periods, to floating-point rounding (property)', () => {
    const period = fc.record({
      activeCustomers: fc.integer({ min: 1, max: 1_000_000 }),
      extraOrders: fc.integer({ min: 0, max: 3_000_000 }),
      aov: fc.integer({ min: 100, max: 100_000 }),
    });
    fc.assert(
      fc.property(period, period, (a, b) => {
        const toPeriod = (p: typeof a) => ({
          activeCustomers: p.activeCustomers,
          orders: p.activeCustomers + p.extraOrders,
          sales: (p.activeCustomers + p.extraOrders) * p.aov,
        });
        const change = decompose(toPeriod(a), toPeriod(b));
        const { activeCustomers, frequency, averageOrderValue } = change.contributions;
        const tolerance = 1e-9 * Math.max(change.current.sales, change.previous.sales);
        // Order value takes the remainder; LMDI says the remainder is its own term L(V1, V0) ln(M1 / M0).
        const own =
          change.current.sales === change.previous.sales
            ? change.current.sales * Math.log(change.current.averageOrderValue! / change.previous.averageOrderValue!)
            : (change.salesChange / Math.log(change.current.sales / change.previous.sales)) *
              Math.log(change.current.averageOrderValue! / change.previous.averageOrderValue!);
        return (
          Math.abs(activeCustomers + frequency + averageOrderValue - change.salesChange) <= tolerance &&
          Math.abs(averageOrderValue - own) <= tolerance
        );
      }),
    );
  });

  it('puts a change from or to nothing on active customers', () => {
    const change = decompose(
      { activeCustomers: 10, orders: 12, sales: 60_000 },
      { activeCustomers: 0, orders: 0, sales: 0 },
    );
    expect(change.contributions).toEqual({ activeCustomers: 60_000, frequency: 0, averageOrderValue: 0 });
    expect(change.previous.frequency).toBeNull();
    expect(change.previous.averageOrderValue).toBeNull();
  });
});

describe('kpiTree', () => {
  it('decomposes the total and every split the same way', () => {
    const tree = kpiTree(
      {
        current: { activeCustomers: 3, orders: 4, sales: 40_000 },
        previous: { activeCustomers: 2, orders: 4, sales: 40_000 },
      },
      [
        {
          dimension: 'channel',
          key: 'ec',
          current: { activeCustomers: 2, orders: 2, sales: 10_000 },
          previous: { activeCustomers: 1, orders: 2, sales: 30_000 },
        },
      ],
    );
    expect(tree.total.salesChange).toBe(0);
    expect(tree.total.mainDriver).toBeNull();
    expect(tree.splits[0]).toMatchObject({ dimension: 'channel', key: 'ec', salesChange: -20_000 });
    // Twice the customers, half the frequency, a third of the order value: order value moved sales most.
    expect(tree.splits[0]!.mainDriver).toBe('averageOrderValue');
  });
});
