import { rfmRank, type AnalyticsSettings } from '@kizuna/segments';
import type { AnalysisContext } from '../sql/analysis-context';
import type { ScoreSql } from '../sql/scores.sql';

export interface CustomerGroupRow {
  customers: number;
  monetary: number;
  sales: number;
  repeated: number;
  minSales: number | null;
  maxSales: number | null;
}

/** Every grouping the RFM, RF matrix and decile results need, keyed `dimension:value[:value]`. */
export type CustomerGroups = Map<string, CustomerGroupRow>;

interface ComboRow {
  cohort: boolean;
  r: number | null;
  f: number | null;
  m: number | null;
  rb: number | null;
  fb: number | null;
  decile: number | null;
  customers: number;
  monetary: number;
  sales: number;
  repeated: number;
  min_sales: number | null;
  max_sales: number | null;
}

function add(groups: CustomerGroups, key: string, row: ComboRow): void {
  const group = groups.get(key) ?? { customers: 0, monetary: 0, sales: 0, repeated: 0, minSales: null, maxSales: null };
  group.customers += row.customers;
  group.monetary += row.monetary;
  group.sales += row.sales;
  group.repeated += row.repeated;
  if (row.min_sales !== null)
    group.minSales = group.minSales === null ? row.min_sales : Math.min(group.minSales, row.min_sales);
  if (row.max_sales !== null)
    group.maxSales = group.maxSales === null ? row.max_sales : Math.max(group.maxSales, row.max_sales);
  groups.set(key, group);
}

/**
 * One scan of the customers classifies each once and counts the combinations (score triple, RF
 * cell, decile; and the repeat cohort's cells): a few thousand rows, from which the score
 * distributions, ranks, cells and deciles are summed here. Grouping each way in SQL scanned the
 * million customers seven times over.
 */
export async function groupCustomers({ tx, settings }: AnalysisContext, sql: ScoreSql): Promise<CustomerGroups> {
  const { rows } = await tx.query<ComboRow>(
    `WITH classified AS (
       SELECT ${sql.r} AS r, ${sql.f} AS f, ${sql.m} AS m, ${sql.recencyBucket} AS rb, ${sql.frequencyBucket} AS fb,
              ${sql.decile} AS decile,
              CASE WHEN c.cohort_last_days IS NOT NULL THEN ${sql.cohortRecencyBucket} END AS crb,
              CASE WHEN c.cohort_last_days IS NOT NULL THEN ${sql.cohortFrequencyBucket} END AS cfb,
              c.monetary, c.sales_window, c.repeat_purchases > 0 AS repeated
         FROM af_customers c
     )
     SELECT GROUPING(r) = 1 AS cohort, r, f, m, COALESCE(rb, crb) AS rb, COALESCE(fb, cfb) AS fb, decile,
            count(*)::int AS customers, COALESCE(sum(monetary), 0)::bigint AS monetary,
            COALESCE(sum(sales_window), 0)::bigint AS sales, count(*) FILTER (WHERE repeated)::int AS repeated,
            min(sales_window) FILTER (WHERE sales_window > 0)::bigint AS min_sales,
            max(sales_window) FILTER (WHERE sales_window > 0)::bigint AS max_sales
       FROM classified
      GROUP BY GROUPING SETS ((r, f, m, rb, fb, decile), (crb, cfb))`,
  );
  return summarise(rows, settings);
}

function summarise(rows: readonly ComboRow[], settings: AnalyticsSettings): CustomerGroups {
  const groups: CustomerGroups = new Map();
  for (const row of rows) {
    if (row.cohort) {
      // Customers without a purchase before the cohort date fall in the empty cell: not a cohort.
      if (row.rb !== null && row.fb !== null) add(groups, `cohort:${row.rb}:${row.fb}`, row);
      continue;
    }
    add(groups, `r:${row.r}`, row);
    add(groups, `f:${row.f}`, row);
    add(groups, `m:${row.m}`, row);
    add(groups, `rank:${rfmRank(row.f!, row.m!, settings.rfm)}`, row);
    add(groups, `rf:${row.rb}:${row.fb}`, row);
    if (row.decile !== null) add(groups, `decile:${row.decile}`, row);
  }
  return groups;
}
