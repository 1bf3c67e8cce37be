import type { Queryable } from '../../infrastructure/database/transaction';

/** The series most customers bought (non-trial lines), the ones patterns are looked for on. */
export async function topSeries(db: Queryable, workspaceId: number, at: Date, limit: number): Promise<string[]> {
  const { rows } = await db.query<{ series: string }>(
    `SELECT p.series FROM order_line l JOIN product p ON p.id = l.product_id
      WHERE l.workspace_id = $1 AND l.ordered_at < $2 AND p.series IS NOT NULL AND NOT p.is_trial
      GROUP BY p.series ORDER BY count(DISTINCT l.customer_id) DESC, p.series LIMIT $3`,
    [workspaceId, at, limit],
  );
  return rows.map((row) => row.series);
}

/** One column per series (the k-th of $4), numbered from 1: flat columns, as COPY text carries them. */
const perSeries = (count: number, column: (k: number) => string) =>
  Array.from({ length: count }, (_, i) => column(i + 1));
const list = (columns: readonly string[]) => columns.join(',\n         ');
/** The result's columns, named by position (a temporary table needs distinct names). */
const numbered = (columns: readonly string[]) => list(columns.map((sql, i) => `${sql} AS c${i}`));

/**
 * KPI "a second order within $2 days of the first", for customers whose first order ($1
 * workspace) is at least $2 days before $3, with what their first order was: customer, kpi,
 * store (0/1), EC (0/1), holds a trial set (0/1), amount, then per series of $4 whether it held
 * one. The features are the first order's, so a pattern describes new customers: the same rule on
 * today's one-order customers selects whom to follow up.
 */
export function secondPurchaseSql(seriesCount: number): string {
  return `
  WITH firsts AS (
    SELECT DISTINCT ON (o.customer_id) o.customer_id, o.id AS order_id, o.ordered_at, o.channel, o.amount
      FROM customer_order o
     WHERE o.workspace_id = $1 AND o.ordered_at < $3 AND $4::text[] IS NOT NULL
     ORDER BY o.customer_id, o.ordered_at, o.id
  ), first_lines AS (
    SELECT f.customer_id, bool_or(p.is_trial) AS trial, array_agg(DISTINCT p.series) AS series
      FROM firsts f JOIN order_line l ON l.order_id = f.order_id JOIN product p ON p.id = l.product_id
     GROUP BY f.customer_id
  )
  SELECT ${numbered([
    'f.customer_id',
    `EXISTS (SELECT 1 FROM customer_order o
              WHERE o.workspace_id = $1 AND o.customer_id = f.customer_id AND o.id <> f.order_id
                AND o.ordered_at >= f.ordered_at AND o.ordered_at <= f.ordered_at + make_interval(days => $2))::int`,
    "(f.channel = 'store')::int",
    "(f.channel = 'ec')::int",
    'COALESCE(fl.trial, false)::int',
    'f.amount',
    ...perSeries(seriesCount, (k) => `COALESCE(($4::text[])[${k}] = ANY(fl.series), false)::int`),
  ])}
    FROM firsts f LEFT JOIN first_lines fl ON fl.customer_id = f.customer_id
   WHERE f.ordered_at <= $3::timestamptz - make_interval(days => $2)
   ORDER BY f.customer_id`;
}

/**
 * KPI "spend in the $2 days before $3" for every customer with an order ($1 workspace), with
 * their figures now: customer, kpi, r_score, f_score, stable segment (index in $5, -1 none),
 * trial orders, store orders, EC orders, then per series of $4 the orders holding it and its
 * share of their spend (NaN without any), computed as the segment conditions `metric`, `purchase`
 * and `preference` compute them, so a pattern saved as a segment selects the same customers.
 */
export function spendSql(seriesCount: number): string {
  return `
  WITH orders AS (
    SELECT o.customer_id,
           COALESCE(sum(o.amount) FILTER (WHERE o.ordered_at >= $3::timestamptz - make_interval(days => $2)), 0) AS spend,
           count(*) FILTER (WHERE o.channel = 'store') AS store,
           count(*) FILTER (WHERE o.channel = 'ec') AS ec
      FROM customer_order o
     WHERE o.workspace_id = $1 AND o.ordered_at < $3
     GROUP BY o.customer_id
  ), series_orders AS (
    SELECT ${list([
      'l.customer_id',
      ...perSeries(
        seriesCount,
        (k) => `count(DISTINCT l.order_id) FILTER (WHERE p.series = ($4::text[])[${k}]) AS s${k}`,
      ),
    ])}
      FROM order_line l JOIN product p ON p.id = l.product_id
     WHERE l.workspace_id = $1 AND l.ordered_at < $3 AND $4::text[] IS NOT NULL
     GROUP BY l.customer_id
  )
  SELECT ${numbered([
    'o.customer_id',
    'o.spend',
    "COALESCE(cm.r_score::float8, 'NaN')",
    "COALESCE(cm.f_score::float8, 'NaN')",
    'COALESCE(array_position($5::text[], cm.stable_segment) - 1, -1)',
    "COALESCE(cm.trial_orders::float8, 'NaN')",
    'o.store',
    'o.ec',
    ...perSeries(seriesCount, (k) => `COALESCE(so.s${k}, 0)`),
    ...perSeries(
      seriesCount,
      (k) =>
        `COALESCE((cm.preferences -> 'series' ->> ($4::text[])[${k}])::float8 / NULLIF(cm.revenue::float8, 0), 'NaN')`,
    ),
  ])}
    FROM orders o
    LEFT JOIN customer_metrics cm ON cm.workspace_id = $1 AND cm.customer_id = o.customer_id
    LEFT JOIN series_orders so ON so.customer_id = o.customer_id
   ORDER BY o.customer_id`;
}
