/**
 * Who bought what, as two parallel arrays sorted by basket (a customer, or an order): basket i
 * holds item `items[k]` for every k with `baskets[k] === i`. Items are integer keys; the caller
 * keeps their names. Duplicate (basket, item) rows count once.
 */
export interface BasketItems {
  baskets: Int32Array;
  items: Int32Array;
}

/** "Customers who bought `antecedent` also bought `consequent`" (Agrawal, Imieliński & Swami 1993). */
export interface AffinityRule {
  antecedent: number;
  consequent: number;
  /** Baskets holding both. */
  pairCount: number;
  /** pairCount / baskets. */
  support: number;
  /** P(consequent | antecedent) = pairCount / count(antecedent). */
  confidence: number;
  /** confidence / P(consequent): above 1, buying one makes the other likelier than it is overall. */
  lift: number;
}

export interface CoPurchaseOptions {
  /** Fewest baskets holding both items for a pair to count (default 5): lift on 1 or 2 baskets is noise. */
  minPairCount?: number;
  /** Smallest support of a pair as a share of all baskets (default 0). */
  minSupport?: number;
}

export interface CoPurchase {
  baskets: number;
  /** Baskets holding each item, by item key. */
  itemCounts: Map<number, number>;
  /** Both directions of every pair that passes the minimums, highest lift first. */
  rules: AffinityRule[];
}

/** Visits each basket's distinct items (sorted ascending) without building arrays per basket. */
function forEachBasket(input: BasketItems, visit: (items: Int32Array, basket: number) => void): number {
  const n = input.baskets.length;
  const scratch = new Int32Array(Math.max(1, n));
  let baskets = 0;
  let start = 0;
  while (start < n) {
    let end = start + 1;
    while (end < n && input.baskets[end] === input.baskets[start]) end++;
    if (end < n && input.baskets[end]! < input.baskets[start]!) {
      throw new RangeError(`basket items must be sorted by basket (row ${end})`);
    }
    const items = scratch.subarray(0, end - start);
    items.set(input.items.subarray(start, end));
    items.sort();
    let distinct = 0;
    for (let k = 0; k < items.length; k++) if (k === 0 || items[k] !== items[k - 1]) items[distinct++] = items[k]!;
    visit(items.subarray(0, distinct), input.baskets[start]!);
    baskets++;
    start = end;
  }
  return baskets;
}

/**
 * Co-purchase counts, support, confidence and lift of every pair of items bought in the same
 * basket, in both directions. Pairs are counted once per basket, whatever the quantities.
 */
export function coPurchaseRules(input: BasketItems, options: CoPurchaseOptions = {}): CoPurchase {
  const itemCounts = new Map<number, number>();
  const pairCounts = new Map<string, number>();
  const total = forEachBasket(input, (items) => {
    for (let a = 0; a < items.length; a++) {
      itemCounts.set(items[a]!, (itemCounts.get(items[a]!) ?? 0) + 1);
      for (let b = a + 1; b < items.length; b++) {
        const key = `${items[a]},${items[b]}`;
        pairCounts.set(key, (pairCounts.get(key) ?? 0) + 1);
      }
    }
  });
  const minPairCount = options.minPairCount ?? 5;
  const minSupport = options.minSupport ?? 0;
  const rules: AffinityRule[] = [];
  for (const [key, pairCount] of pairCounts) {
    const support = pairCount / total;
    if (pairCount < minPairCount || support < minSupport) continue;
    const [a, b] = key.split(',').map(Number) as [number, number];
    for (const [antecedent, consequent] of [
      [a, b],
      [b, a],
    ] as const) {
      const confidence = pairCount / itemCounts.get(antecedent)!;
      rules.push({
        antecedent,
        consequent,
        pairCount,
        support,
        confidence,
        lift: confidence / (itemCounts.get(consequent)! / total),
      });
    }
  }
  rules.sort(
    (x, y) =>
      y.lift - x.lift || y.pairCount - x.pairCount || x.antecedent - y.antecedent || x.consequent - y.consequent,
  );
  return { baskets: total, itemCounts, rules };
}

/** The items most associated with `item` (rules from it), highest lift first. */
export function topCorrelated(rules: readonly AffinityRule[], item: number, limit = 5): AffinityRule[] {
  return rules.filter((rule) => rule.antecedent === item).slice(0, limit);
}

/**
 * For each basket, the item it lacks that its items point to with the highest confidence (ties:
 * higher lift, then lower key), and that confidence: the cross-sell to suggest. NaN / -1 when no
 * rule applies.
 */
export function bestCrossSell(
  input: BasketItems,
  rules: readonly AffinityRule[],
): { basketIds: Int32Array; item: Int32Array; confidence: Float64Array } {
  const byAntecedent = new Map<number, AffinityRule[]>();
  for (const rule of rules) {
    const list = byAntecedent.get(rule.antecedent) ?? [];
    list.push(rule);
    byAntecedent.set(rule.antecedent, list);
  }
  const basketIds: number[] = [];
  const item: number[] = [];
  const confidence: number[] = [];
  forEachBasket(input, (items, basket) => {
    basketIds.push(basket);
    let best: AffinityRule | undefined;
    for (const owned of items) {
      for (const rule of byAntecedent.get(owned) ?? []) {
        if (binaryIncludes(items, rule.consequent)) continue;
        if (
          !best ||
          rule.confidence > best.confidence ||
          (rule.confidence === best.confidence &&
            (rule.lift > best.lift || (rule.lift === best.lift && rule.consequent < best.consequent)))
        ) {
          best = rule;
        }
      }
    }
    item.push(best ? best.consequent : -1);
    confidence.push(best ? best.confidence : Number.NaN);
  });
  return {
    basketIds: Int32Array.from(basketIds),
    item: Int32Array.from(item),
    confidence: Float64Array.from(confidence),
  };
}

function binaryIncludes(sorted: Int32Array, value: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] === value) return true;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
