import { abcClasses } from './abc-classes';
import { defaultAnalyticsSettings } from './analytics-settings';

// Defaults: A up to 70% of the sales, B up to 90%, C after.
const abc = defaultAnalyticsSettings.abc;

describe('abcClasses', () => {
  it('classes items by the cumulative share of the items before them', () => {
    // Total 1,000; shares before each item: 0, 0.5, 0.7, 0.8, 0.9, 0.95, 1.
    expect(abcClasses([500, 200, 100, 100, 50, 50, 0], abc)).toEqual(['A', 'A', 'B', 'B', 'C', 'C', 'C']);
  });

  it('keeps the item that crosses a line in the class below it', () => {
    // Shares before: 0, 0.6 (this item takes the total to 0.8), 0.8 (to 0.9), 0.9.
    expect(abcClasses([600, 200, 100, 100], abc)).toEqual(['A', 'A', 'B', 'C']);
  });

  it('makes a single best seller A even when it alone is most of the sales', () => {
    // Shares before: 0, 0.95, 0.99: past both lines, so nothing is B.
    expect(abcClasses([950, 40, 10], abc)).toEqual(['A', 'C', 'C']);
  });

  it('classes items without sales as C', () => {
    expect(abcClasses([0, 0, 0], abc)).toEqual(['C', 'C', 'C']);
    expect(abcClasses([100, 0], abc)).toEqual(['A', 'C']);
    expect(abcClasses([], abc)).toEqual([]);
  });

  it("follows the workspace's own lines", () => {
    // a 0.5, b 0.8; total 1,000, shares before: 0, 0.4, 0.6, 0.8, 0.9.
    expect(abcClasses([400, 200, 200, 100, 100], { a: 0.5, b: 0.8 })).toEqual(['A', 'A', 'B', 'C', 'C']);
  });
});
