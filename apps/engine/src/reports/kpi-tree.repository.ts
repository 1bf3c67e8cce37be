import type { Pool } from '@kizuna/db';
import type { KpiPeriod } from '@kizuna/analytics';
import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '../infrastructure/database/database.tokens';
import type { ReportPeriod } from './report-period';

export interface KpiRow extends KpiPeriod {
  /** "total", "segment", "channel" or "series". */
  dimension: string;
  key: string;
  /** "current" or "previous". */
  period: 'current' | 'previous';
}

/**
 * Sales, orders and active customers of two periods, in total and split by stable segment (the
 * customer's current one), sales channel (store / EC) and product series. Returned orders keep
 * their sales here, as the analytics do (docs/analytics.md); trial-only orders are orders too.
 */
@Injectable()
export class KpiTreeRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async periods(workspaceId: number, current: ReportPeriod, previous: ReportPeriod): Promise<KpiRow[]> {
    const params = [workspaceId, current.from, current.to, previous.from, previous.to];
    const periodOf = `CASE WHEN o.ordered_at >= $2 AND o.ordered_at < $3 THEN 'current' ELSE 'previous' END`;
    const inPeriods = `((o.ordered_at >= $2 AND o.ordered_at < $3) OR (o.ordered_at >= $4 AND o.ordered_at < $5))`;
    const [orders, series] = await Promise.all([
      this.pool.query<KpiRow>(
        `WITH o AS (
           SELECT o.customer_id, o.channel::text AS channel, o.amount, ${periodOf} AS period,
             COALESCE(m.stable_segment, 'none') AS segment
           FROM customer_order o LEFT JOIN customer_metrics m ON m.workspace_id = o.workspace_id AND m.customer_id = o.customer_id
           WHERE o.workspace_id = $1 AND ${inPeriods}
         )
         SELECT period,
           CASE WHEN GROUPING(segment) = 0 THEN 'segment' WHEN GROUPING(channel) = 0 THEN 'channel' ELSE 'total' END AS dimension,
           COALESCE(CASE WHEN GROUPING(segment) = 0 THEN segment END, CASE WHEN GROUPING(channel) = 0 THEN channel END, 'all') AS key,
           count(DISTINCT customer_id)::integer AS "activeCustomers", count(*)::integer AS orders, COALESCE(sum(amount), 0)::float8 AS sales
         FROM o GROUP BY GROUPING SETS ((period), (period, segment), (period, channel))`,
        params,
      ),
      this.pool.query<KpiRow>(
        `SELECT ${periodOf} AS period, 'series' AS dimension, COALESCE(p.series, '(none)') AS key,
           count(DISTINCT o.customer_id)::integer AS "activeCustomers", count(DISTINCT o.order_id)::integer AS orders,
           COALESCE(sum(o.amount), 0)::float8 AS sales
         FROM order_line o JOIN product p ON p.id = o.product_id
         WHERE o.workspace_id = $1 AND ${inPeriods}
         GROUP BY 1, 3`,
        params,
      ),
    ]);
    return [...orders.rows, ...series.rows];
  }
}
