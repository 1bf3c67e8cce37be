import { selectTargets, type TargetGroup } from './target-selection';

// Uplifts are powers of two so that every figure below is exact in floating point.
const groups: TargetGroup[] = [
  { key: 'new_lapsed', customers: 4_000, responseRate: 0.015625, averageOrderValue: 8_000 },
  { key: 'new_active', customers: 2_000, responseRate: 0.03125, averageOrderValue: 8_000 },
  { key: 'promising_active', customers: 500, responseRate: 0.25, averageOrderValue: 1_000 },
  { key: 'loyal_active', customers: 1_000, responseRate: 0.0625, averageOrderValue: 8_000 },
];

// Expected profit per contact at a 50% margin and 100 yen a contact (uplift x AOV x margin - cost):
//   loyal_active      0.0625   x 8,000 x 0.5 - 100 = 250  - 100 = 150
//   new_active        0.03125  x 8,000 x 0.5 - 100 = 125  - 100 = 25
//   promising_active  0.25     x 1,000 x 0.5 - 100 = 125  - 100 = 25   (ties new_active; by key after it)
//   new_lapsed        0.015625 x 8,000 x 0.5 - 100 = 62.5 - 100 = -37.5
describe('selectTargets', () => {
  const selection = selectTargets({ groups, costPerContact: 100, marginRate: 0.5 });

  it('ranks groups by expected profit per contact, not by response rate or size', () => {
    expect(selection.curve.map((point) => point.key)).toEqual([
      'loyal_active',
      'new_active',
      'promising_active',
      'new_lapsed',
    ]);
  });

  it('accumulates contacts, conversions, revenue, cost and profit down the ranking', () => {
    expect(selection.curve).toEqual([
      // 1,000 x 0.0625 = 62.5 conversions x 8,000 = 500,000 yen; cost 100,000; 250,000 - 100,000.
      {
        key: 'loyal_active',
        contacts: 1_000,
        expectedConversions: 62.5,
        expectedRevenue: 500_000,
        cost: 100_000,
        expectedProfit: 150_000,
      },
      // + 2,000 x 0.03125 = 62.5 conversions, 500,000 yen, 200,000 cost: 500,000 - 300,000.
      {
        key: 'new_active',
        contacts: 3_000,
        expectedConversions: 125,
        expectedRevenue: 1_000_000,
        cost: 300_000,
        expectedProfit: 200_000,
      },
      // + 500 x 0.25 = 125 conversions, 125,000 yen, 50,000 cost: 562,500 - 350,000.
      {
        key: 'promising_active',
        contacts: 3_500,
        expectedConversions: 250,
        expectedRevenue: 1_125_000,
        cost: 350_000,
        expectedProfit: 212_500,
      },
      // + 4,000 x 0.015625 = 62.5 conversions, 500,000 yen, 400,000 cost: 812,500 - 750,000.
      {
        key: 'new_lapsed',
        contacts: 7_500,
        expectedConversions: 312.5,
        expectedRevenue: 1_625_000,
        cost: 750_000,
        expectedProfit: 62_500,
      },
    ]);
  });

  it('selects from the top down to break-even, where the profit curve peaks', () => {
    expect(selection.selected.map((point) => point.key)).toEqual(['loyal_active', 'new_active', 'promising_active']);
    expect(selection.selected).toEqual(selection.curve.slice(0, 3));
    expect(selection.targets).toBe(3_500);
    // Targets x CVR uplift x AOV per group: 500,000 + 500,000 + 125,000.
    expect(selection.expectedRevenue).toBe(1_125_000);
    expect(selection.expectedProfit).toBe(212_500);
    expect(Math.max(...selection.curve.map((point) => point.expectedProfit))).toBe(selection.expectedProfit);
  });

  it('leaves out a group that only breaks even', () => {
    // At 125 yen a contact: loyal_active 250 - 125 = 125, new_active and promising_active 125 - 125 = 0.
    const atCost = selectTargets({ groups, costPerContact: 125, marginRate: 0.5 });
    expect(atCost.selected.map((point) => point.key)).toEqual(['loyal_active']);
    expect(atCost.targets).toBe(1_000);
    expect(atCost.expectedRevenue).toBe(500_000);
    // 500,000 x 0.5 - 1,000 x 125.
    expect(atCost.expectedProfit).toBe(125_000);
  });

  it('selects nobody when no group earns its cost, and still draws the curve', () => {
    // The best group earns 250 yen a contact in margin, below 300.
    const none = selectTargets({ groups, costPerContact: 300, marginRate: 0.5 });
    expect(none.selected).toEqual([]);
    expect(none).toMatchObject({ targets: 0, expectedRevenue: 0, expectedProfit: 0 });
    // Costs 300,000 / 900,000 / 1,050,000 / 2,250,000 against the same margins as above.
    expect(none.curve.map((point) => point.expectedProfit)).toEqual([-50_000, -400_000, -487_500, -1_437_500]);
  });

  it('selects everybody when every group earns its cost', () => {
    // At 10 yen a contact the worst group earns 62.5 - 10 = 52.5 a contact.
    const all = selectTargets({ groups, costPerContact: 10, marginRate: 0.5 });
    expect(all.selected).toEqual(all.curve);
    expect(all.targets).toBe(7_500);
    expect(all.expectedRevenue).toBe(1_625_000);
    // 1,625,000 x 0.5 - 7,500 x 10.
    expect(all.expectedProfit).toBe(737_500);
  });

  it('breaks ties by key whatever the input order, and leaves the input alone', () => {
    const reversed = [...groups].reverse();
    const again = selectTargets({ groups: reversed, costPerContact: 100, marginRate: 0.5 });
    expect(again).toEqual(selection);
    expect(reversed.map((group) => group.key)).toEqual([
      'loyal_active',
      'promising_active',
      'new_active',
      'new_lapsed',
    ]);
  });

  it('selects nothing from no groups', () => {
    expect(selectTargets({ groups: [], costPerContact: 100, marginRate: 0.5 })).toEqual({
      selected: [],
      curve: [],
      targets: 0,
      expectedRevenue: 0,
      expectedProfit: 0,
    });
  });
});
