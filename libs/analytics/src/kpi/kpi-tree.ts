/** One period's sales and its factors: sales = active customers × purchase frequency × average order value. */
export interface KpiPeriod {
  /** Customers with at least one order in the period. */
  activeCustomers: number;
  orders: number;
  /** Sales in yen. */
  sales: number;
}

export interface KpiFactors extends KpiPeriod {
  /** Orders per active customer (null without active customers). */
  frequency: number | null;
  /** Sales per order in yen (null without orders). */
  averageOrderValue: number | null;
}

export interface KpiChange {
  current: KpiFactors;
  previous: KpiFactors;
  salesChange: number;
  /**
   * The sales change split into the three factors (yen). The three sum to `salesChange` (LMDI has no
   * residual). When either period has no sales the logarithms are undefined and all of the change is
   * in `activeCustomers` (see `decompose`).
   */
  contributions: { activeCustomers: number; frequency: number; averageOrderValue: number };
  /** The factor whose contribution moved sales most (by absolute yen). */
  mainDriver: 'activeCustomers' | 'frequency' | 'averageOrderValue' | null;
}

function factors(period: KpiPeriod): KpiFactors {
  return {
    ...period,
    frequency: period.activeCustomers ? period.orders / period.activeCustomers : null,
    averageOrderValue: period.orders ? period.sales / period.orders : null,
  };
}

/** The logarithmic mean L(a, b) = (a - b) / (ln a - ln b), and a when a = b. */
function logMean(a: number, b: number): number {
  return a === b ? a : (a - b) / (Math.log(a) - Math.log(b));
}

/**
 * Period-over-period change of sales decomposed into its factors by the additive LMDI-I (Ang 2004,
 * Energy Policy 32:1131-1139): factor f contributes L(V1, V0) · ln(f1 / f0). Because
 * ln V = ln A + ln F + ln M, the contributions sum to V1 - V0 exactly, with no residual and no
 * dependence on the order of the factors (unlike sequential substitution, which plan sheets often
 * use and which credits the interaction to whichever factor comes last).
 *
 * When a period has no sales its frequency and order value are undefined: the change is all in
 * active customers (they appeared from, or went to, zero).
 */
export function decompose(current: KpiPeriod, previous: KpiPeriod): KpiChange {
  const now = factors(current);
  const before = factors(previous);
  const salesChange = current.sales - previous.sales;
  let contributions = { activeCustomers: salesChange, frequency: 0, averageOrderValue: 0 };
  if (current.sales > 0 && previous.sales > 0) {
    const weight = logMean(current.sales, previous.sales);
    const part = (a: number | null, b: number | null) => weight * Math.log((a ?? 1) / (b ?? 1));
    const activeCustomers = part(now.activeCustomers, before.activeCustomers);
    const frequency = part(now.frequency, before.frequency);
    // The last factor takes the floating-point remainder, so the three add up to the change.
    contributions = { activeCustomers, frequency, averageOrderValue: salesChange - activeCustomers - frequency };
  }
  const ranked = (Object.entries(contributions) as [KpiChange['mainDriver'] & string, number][]).sort(
    (a, b) => Math.abs(b[1]) - Math.abs(a[1]),
  );
  return {
    current: now,
    previous: before,
    salesChange,
    contributions,
    mainDriver: salesChange === 0 ? null : (ranked[0]?.[0] ?? null),
  };
}

export interface KpiSplitRow {
  /** e.g. "segment", "channel", "series". */
  dimension: string;
  /** e.g. "core", "ec", "薬用美白". */
  key: string;
  current: KpiPeriod;
  previous: KpiPeriod;
}

export interface KpiTree {
  total: KpiChange;
  splits: ({ dimension: string; key: string } & KpiChange)[];
}

/** The tree: the total and each split (segment, channel, series) decomposed the same way. */
export function kpiTree(total: { current: KpiPeriod; previous: KpiPeriod }, splits: readonly KpiSplitRow[]): KpiTree {
  return {
    total: decompose(total.current, total.previous),
    splits: splits.map((row) => ({ dimension: row.dimension, key: row.key, ...decompose(row.current, row.previous) })),
  };
}
