import type { StableSegmentSettings } from '@kizuna/segments';
import type { AnalysisContext } from './analysis-context';
import { daysBetweenSql, wholeDaysBetweenSql } from './day-arithmetic.sql';

/**
 * af_order_events: orders as the customer experienced them: the effective date is the delivery
 * (shipments) when there is one, else the order; `returned` is what came back (returns). A fully
 * returned order is not a purchase for continuity.
 */
export async function createOrderEvents({ tx, workspaceId, referenceAt }: AnalysisContext): Promise<void> {
  await tx.query(
    `CREATE TEMP TABLE af_order_events ON COMMIT DROP AS
     SELECT o.customer_id, o.order_id, o.amount, o.ordered_at,
            COALESCE(sh.delivered_at, o.ordered_at) AS effective_at,
            COALESCE(rt.returned, 0)::bigint AS returned, rt.returned_at
       FROM af_orders o
       LEFT JOIN (SELECT order_id, min(delivered_at) AS delivered_at FROM shipment
                   WHERE workspace_id = $1 AND delivered_at < $2 GROUP BY order_id) sh USING (order_id)
       LEFT JOIN (SELECT order_id, sum(amount) AS returned, max(returned_at) AS returned_at FROM order_return
                   WHERE workspace_id = $1 AND returned_at < $2 GROUP BY order_id) rt USING (order_id)`,
    [workspaceId, referenceAt],
  );
  await tx.query('ANALYZE af_order_events');
}

/**
 * The SQL of libs/segments `stableSegment()` and `heldThreshold()`, over columns purchases,
 * median_interval, basket, days_since_last and previous (the segment at the previous refresh, or
 * null).
 */
export function stableSegmentCaseSql(p: {
  dormantMinDays: string;
  dormantIntervals: string;
  regularMinPurchases: string;
  regularIntervalDays: string;
  high: string;
  middle: string;
  margin: string;
}): string {
  // Rounded to 9 decimals like heldThreshold(): 90 × 1.15 must be 103.5, not 103.49999999999999.
  const held = (threshold: string, passing: string, failing: string, passIsAbove: boolean) =>
    `round((${threshold} * CASE WHEN previous IN (${passing}) THEN ${passIsAbove ? `1 - ${p.margin}` : `1 + ${p.margin}`}
                         WHEN previous IN (${failing}) THEN ${passIsAbove ? `1 + ${p.margin}` : `1 - ${p.margin}`} ELSE 1 END)::numeric, 9)`;
  return `CASE
      WHEN purchases = 0 THEN 'dormant'
      WHEN purchases = 1 THEN 'one_time'
      WHEN days_since_last > GREATEST(${p.dormantMinDays}, median_interval * ${p.dormantIntervals}) THEN 'dormant'
      WHEN purchases >= ${p.regularMinPurchases}
           AND median_interval <= ${held(p.regularIntervalDays, "'core', 'steady'", "'big_spot', 'light'", false)}
        THEN CASE WHEN basket >= ${held(p.high, "'core'", "'steady'", true)} THEN 'core' ELSE 'steady' END
      ELSE CASE WHEN basket >= ${held(p.middle, "'big_spot'", "'light'", true)} THEN 'big_spot' ELSE 'light' END
    END`;
}

/** The classification's parameters, in the order stableSegmentCaseSql names them. */
export function stableSegmentParams(settings: StableSegmentSettings): number[] {
  return [
    settings.dormantMinDays,
    settings.dormantIntervals,
    settings.regularMinPurchases,
    settings.regularIntervalDays,
    settings.highBasket,
    settings.middleBasket,
    settings.margin,
  ];
}

/** The classification over the seven parameters from $`first` on, as stableSegmentParams lists them. */
export function classifyStableSegmentSql(first: number): string {
  const at = (offset: number) => `$${first + offset}::float8`;
  return stableSegmentCaseSql({
    dormantMinDays: at(0),
    dormantIntervals: at(1),
    regularMinPurchases: at(2),
    regularIntervalDays: at(3),
    high: at(4),
    middle: at(5),
    margin: at(6),
  });
}

/**
 * Per customer as of `at`: purchases and their rhythm within the lookback, annualised net spend,
 * their usual interval (a percentile of all their intervals, for rank-down signals) and the stable
 * segment. `into` names the temporary table created.
 */
export async function createStableSegments(
  context: AnalysisContext,
  into: string,
  at: Date,
  /** A table (customer_id, stable_segment) of the previous classification, for hysteresis. */
  previous?: { table: string; where?: string },
): Promise<void> {
  const { tx, workspaceId, settings } = context;
  const stable = settings.stableSegments;
  // $1 at, $2 lookback, $3 workspace, $4 percentile, then the classification thresholds.
  await tx.query(
    `CREATE TEMP TABLE ${into} ON COMMIT DROP AS
     WITH purchases AS (
       SELECT customer_id, amount, effective_at,
              ${daysBetweenSql('effective_at', 'lag(effective_at) OVER (PARTITION BY customer_id ORDER BY effective_at)')} AS gap
         FROM af_order_events
        -- As of $1: returns after it had not happened yet.
        WHERE ordered_at < $1 AND effective_at < $1 AND (returned_at IS NULL OR returned_at >= $1 OR returned < amount)
     ), per_customer AS (
       SELECT customer_id,
              count(*) FILTER (WHERE effective_at >= $1::timestamptz - $2::interval)::int AS purchases,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY gap) FILTER (WHERE effective_at >= $1::timestamptz - $2::interval) AS median_interval,
              COALESCE(sum(amount) FILTER (WHERE effective_at >= $1::timestamptz - $2::interval), 0) AS gross,
              GREATEST(min(effective_at), $1::timestamptz - $2::interval) AS since,
              ${wholeDaysBetweenSql('$1::timestamptz', 'max(effective_at)')} AS days_since_last,
              count(gap)::int AS intervals,
              percentile_cont($4::float8) WITHIN GROUP (ORDER BY gap) AS own_interval
         FROM purchases GROUP BY customer_id
     ), returns_in_lookback AS (
       SELECT o.customer_id, sum(r.amount) AS returned
         FROM order_return r JOIN customer_order o ON o.id = r.order_id
        WHERE r.workspace_id = $3 AND r.returned_at >= $1::timestamptz - $2::interval AND r.returned_at < $1
        GROUP BY o.customer_id
     ), measured AS (
       SELECT p.customer_id, p.purchases, p.median_interval, p.days_since_last, p.intervals, p.own_interval,
              (p.gross - COALESCE(r.returned, 0))::bigint AS net_spend,
              round((p.gross - COALESCE(r.returned, 0))::float8 / GREATEST(p.purchases, 1))::bigint AS basket,
              -- Annualised over the customer's time within the lookback (at least 90 days, so a new big buyer is not inflated).
              round((p.gross - COALESCE(r.returned, 0)) * 365.0 /
                    GREATEST(90, ${daysBetweenSql('$1::timestamptz', 'p.since')}))::bigint AS annual_spend
         FROM per_customer p LEFT JOIN returns_in_lookback r USING (customer_id)
     )
     SELECT m.*, ${classifyStableSegmentSql(5)} AS stable_segment
       FROM (SELECT measured.*, ${previous ? 'prev.stable_segment' : 'NULL::text'} AS previous
               FROM measured
               ${previous ? `LEFT JOIN ${previous.table} prev ON prev.customer_id = measured.customer_id ${previous.where ?? ''}` : ''}) m`,
    [at, `${stable.lookbackMonths} months`, workspaceId, settings.rankDown.percentile, ...stableSegmentParams(stable)],
  );
  await tx.query(`ALTER TABLE ${into} ADD PRIMARY KEY (customer_id)`);
}

/**
 * af_previous_stable and af_previous_category: the segments of the last refresh (before this one
 * overwrites them), the state hysteresis holds boundaries around.
 */
export async function createPreviousSegments({ tx, workspaceId }: AnalysisContext): Promise<void> {
  await tx.query(
    `CREATE TEMP TABLE af_previous_stable ON COMMIT DROP AS
     SELECT customer_id, stable_segment FROM customer_metrics WHERE workspace_id = $1 AND stable_segment IS NOT NULL`,
    [workspaceId],
  );
  await tx.query(
    `CREATE TEMP TABLE af_previous_category ON COMMIT DROP AS
     SELECT m.customer_id, c.key AS category, c.value AS stable_segment
       FROM customer_metrics m CROSS JOIN jsonb_each_text(m.category_segments) c WHERE m.workspace_id = $1`,
    [workspaceId],
  );
  await tx.query('ALTER TABLE af_previous_stable ADD PRIMARY KEY (customer_id)');
}
