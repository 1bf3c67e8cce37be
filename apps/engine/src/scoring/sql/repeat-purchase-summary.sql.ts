import { calendarDayFromIso, DAYS_PER_UNIT, timeUnitSchema, type RepeatPurchaseSummary } from '@kizuna/scoring';
import { z } from 'zod';
import type { Queryable } from '../../infrastructure/database/transaction';

export const repeatPurchaseSummaryScopeSchema = z.object({
  workspaceId: z.number().int().positive(),
  /** Last day of the calibration period, included, as a calendar date in the workspace's time zone. */
  calibrationEnd: z.string().refine((text) => calendarDayFromIso(text) !== null, 'must be a date YYYY-MM-DD'),
  /** The workspace's IANA time zone: purchase days are its calendar days. */
  timeZone: z.string().min(1),
  unit: timeUnitSchema,
});
export type RepeatPurchaseSummaryScope = z.infer<typeof repeatPurchaseSummaryScopeSchema>;

/**
 * Per customer (x, t_x, T, mean repeat value) as libs/scoring's summarisePurchases defines them, set
 * based over the workspace's orders up to the end of the calibration day ($2, a date in zone $3):
 * - a transaction is a calendar day (workspace time zone) with at least one order that was not
 *   cancelled, i.e. not refunded in full by returns recorded by then (the analytics' rule that a
 *   fully returned order is no purchase, docs/definitions); trial orders count: a first purchase is
 *   often one;
 * - a day's value is its orders' amounts net of partial returns;
 * - the mean repeat value leaves the first day out (Gamma-Gamma's m_x in "RFM and CLV").
 * Days are date differences (integers), so customers share (x, t_x, T) tuples and the fit
 * compresses them. The orders are read by the customer index; hash aggregation of a million
 * customers is avoided as in analytics (docs/adr/0008-analytics-computation.md).
 */
// The end of the calibration day in the workspace's zone: the first instant of the next day there.
const CALIBRATION_END_AT = `(($2::date + 1)::timestamp AT TIME ZONE $3)`;

const SUMMARY_SQL = `
  WITH refunds AS (
    SELECT order_id, sum(amount) AS refunded
      FROM order_return
     WHERE workspace_id = $1 AND returned_at < ${CALIBRATION_END_AT}
     GROUP BY order_id
  ), purchase_days AS (
    SELECT o.customer_id,
           (o.ordered_at AT TIME ZONE $3)::date AS day,
           sum(o.amount - COALESCE(r.refunded, 0))::float8 AS value
      FROM customer_order o
      LEFT JOIN refunds r ON r.order_id = o.id
     WHERE o.workspace_id = $1 AND o.ordered_at < ${CALIBRATION_END_AT}
       AND (r.refunded IS NULL OR r.refunded < o.amount)
     GROUP BY o.customer_id, day
  ), numbered AS (
    SELECT customer_id, day, value,
           min(day) OVER (PARTITION BY customer_id) AS first_day
      FROM purchase_days
  )
  SELECT customer_id,
         (count(*) - 1)::int AS frequency,
         (max(day) - min(day))::int AS recency_days,
         ($2::date - min(day))::int AS age_days,
         avg(value) FILTER (WHERE day > first_day) AS mean_repeat_value
    FROM numbered
   GROUP BY customer_id
   ORDER BY customer_id`;

interface SummaryRow {
  customer_id: number;
  frequency: number;
  recency_days: number;
  age_days: number;
  mean_repeat_value: number | null;
}

/**
 * The repeat-purchase summary of every customer of a workspace with a purchase by the calibration
 * end, in customer id order, in the given time unit: what fitRepeatPurchaseModels takes.
 */
export async function queryRepeatPurchaseSummary(
  db: Queryable,
  scope: RepeatPurchaseSummaryScope,
): Promise<RepeatPurchaseSummary<number>[]> {
  const { workspaceId, calibrationEnd, timeZone, unit } = repeatPurchaseSummaryScopeSchema.parse(scope);
  const daysPerUnit = DAYS_PER_UNIT[unit];
  const { rows } = await db.query<SummaryRow>(SUMMARY_SQL, [workspaceId, calibrationEnd, timeZone]);
  return rows.map((row) => ({
    customerId: row.customer_id,
    frequency: row.frequency,
    recency: row.recency_days / daysPerUnit,
    age: row.age_days / daysPerUnit,
    meanRepeatValue: row.mean_repeat_value,
  }));
}
