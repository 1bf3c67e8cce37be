import type { AbcSettings } from './analytics-settings';

export type AbcClass = 'A' | 'B' | 'C';

/**
 * ABC (Pareto) class of each item, sorted by sales descending: an item is A while the cumulative
 * share of the items before it is below `a` (so the item that crosses the line is still A), B below
 * `b`, C after. Items with no sales are C.
 */
export function abcClasses(salesDescending: readonly number[], settings: Pick<AbcSettings, 'a' | 'b'>): AbcClass[] {
  const total = salesDescending.reduce((sum, sales) => sum + sales, 0);
  let before = 0;
  return salesDescending.map((sales) => {
    const shareBefore = total > 0 ? before / total : 1;
    before += sales;
    if (sales <= 0) return 'C';
    if (shareBefore < settings.a) return 'A';
    if (shareBefore < settings.b) return 'B';
    return 'C';
  });
}
