import { isHeldOut, splitRowsByCustomer } from './held-out-split';

describe('held-out split by customer', () => {
  it('puts every row of a customer on the same side, the same way every time', () => {
    const customers = Int32Array.from([7, 8, 7, 9, 8, 7]);
    const first = splitRowsByCustomer(customers, 0.5);
    const second = splitRowsByCustomer(customers, 0.5);
    expect(second).toEqual(first);
    const side = (row: number) => (first.heldOut.includes(row) ? 'held-out' : 'training');
    expect(new Set([0, 2, 5].map(side)).size).toBe(1);
    expect(new Set([1, 4].map(side)).size).toBe(1);
    expect(first.training.length + first.heldOut.length).toBe(6);
  });

  it('holds out close to the requested share of customers', () => {
    let held = 0;
    for (let id = 1; id <= 100_000; id++) if (isHeldOut(id, 0.2)) held++;
    expect(held / 100_000).toBeGreaterThan(0.195);
    expect(held / 100_000).toBeLessThan(0.205);
  });

  it('holds out no one at share 0 and everyone at share 1', () => {
    expect(isHeldOut(42, 0)).toBe(false);
    expect(isHeldOut(42, 1)).toBe(true);
  });
});
