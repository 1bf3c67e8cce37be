import type { Pool } from '@kizuna/db';
import { Inject, Injectable } from '@nestjs/common';
import { daysBetweenSql, monthsFromDaysSql } from '../analytics/sql/day-arithmetic.sql';
import { PG_POOL } from '../infrastructure/database/database.tokens';
import type { ReportPeriod } from './report-period';

/** Nodes whose figures the report compares, per version: a holdout, a send, a split. */
export interface ComparedNode {
  versionId: number;
  nodeId: string;
  kind: 'holdout' | 'send' | 'split';
}

export interface NodeFunnelRow {
  versionId: number;
  nodeId: string;
  entered: number;
  exited: number;
  waiting: number;
}

export interface NodeMessageRow {
  versionId: number;
  nodeId: string;
  channel: string;
  sent: number;
  suppressed: number;
  failed: number;
}

export interface NodeResponseRow {
  versionId: number;
  nodeId: string;
  delivered: number;
  opened: number;
  clicked: number;
  replied: number;
  unsubscribed: number;
  converted: number;
  revenue: number;
}

/** One group at one node: customers placed there, how many converted after, revenue per customer. */
export interface GroupOutcomeRow {
  versionId: number;
  nodeId: string;
  /** "treatment", "control" or "arm:<id>". */
  group: string;
  customers: number;
  converted: number;
  revenueSum: number;
  /** Sample variance of revenue per customer (zeros included); null below two customers. */
  revenueVariance: number | null;
}

export interface StageCellRow {
  group: 'treatment' | 'control';
  /** Non-trial purchases before entering, and whole months since the last one (null: none). */
  purchases: number;
  months: number | null;
  customers: number;
  repeated: number;
}

interface Scope {
  workspaceId: number;
  journeyId: number;
  versionIds: readonly number[];
  period: ReportPeriod;
}

/**
 * The lift report's SQL: one set-based statement per figure family, each over the journey's rows
 * only, grouped by version and node. Only this class reads the tables.
 */
@Injectable()
export class LiftReportRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /**
   * Transitions in the period: arrivals at each node (revisits count), departures out of the journey
   * from it, and enrolments waiting there now. A trigger has no arrivals: the enrolments that left it
   * in the period entered there.
   */
  async funnel(
    { workspaceId, journeyId, versionIds, period }: Scope,
    triggerNodes: readonly string[],
  ): Promise<NodeFunnelRow[]> {
    const { rows } = await this.pool.query<NodeFunnelRow>(
      `WITH steps AS (
         SELECT s.version_id, s.from_node, s.to_node FROM enrollment_step s
         WHERE s.workspace_id = $1 AND s.version_id = ANY($3::int[]) AND s.at >= $4 AND s.at < $5
       ), moves AS (
         SELECT version_id, to_node AS node_id, count(*) AS entered, 0 AS exited FROM steps WHERE to_node IS NOT NULL GROUP BY 1, 2
         UNION ALL
         SELECT version_id, from_node, count(*) FILTER (WHERE from_node = ANY($6::text[])), count(*) FILTER (WHERE to_node IS NULL)
         FROM steps GROUP BY 1, 2
         UNION ALL
         SELECT version_id, node_id, 0, 0 FROM enrollment WHERE workspace_id = $1 AND journey_id = $2 AND state = 'active' GROUP BY 1, 2
       ), waiting AS (
         SELECT version_id, node_id, count(*) AS n FROM enrollment WHERE workspace_id = $1 AND journey_id = $2 AND state = 'active'
         GROUP BY 1, 2
       )
       SELECT m.version_id AS "versionId", m.node_id AS "nodeId", sum(m.entered)::integer AS entered,
         sum(m.exited)::integer AS exited, COALESCE(max(w.n), 0)::integer AS waiting
       FROM moves m LEFT JOIN waiting w ON w.version_id = m.version_id AND w.node_id = m.node_id
       GROUP BY 1, 2`,
      [workspaceId, journeyId, versionIds, period.from, period.to, triggerNodes],
    );
    return rows;
  }

  /** Messages created in the period per node and channel: sent (or delivered), suppressed, failed. */
  async messages({ workspaceId, journeyId, period }: Scope): Promise<NodeMessageRow[]> {
    const { rows } = await this.pool.query<NodeMessageRow>(
      `SELECT version_id AS "versionId", node_id AS "nodeId", channel,
         count(*) FILTER (WHERE status IN ('sent', 'delivered'))::integer AS sent,
         count(*) FILTER (WHERE status = 'suppressed')::integer AS suppressed,
         count(*) FILTER (WHERE status IN ('failed', 'bounced'))::integer AS failed
       FROM message WHERE workspace_id = $1 AND journey_id = $2 AND created_at >= $3 AND created_at < $4
         AND version_id IS NOT NULL AND node_id IS NOT NULL
       GROUP BY 1, 2, 3`,
      [workspaceId, journeyId, period.from, period.to],
    );
    return rows;
  }

  /**
   * Responses recorded in the period per node: messages delivered, opened, clicked, replied to,
   * unsubscribes, and conversions attributed to the step by last touch (or coupon) with their revenue.
   * Opens and deliveries are recorded once per message; clicks (per link) and replies (per
   * message sent back) are counted per message.
   */
  async responses({ workspaceId, journeyId, period }: Scope): Promise<NodeResponseRow[]> {
    const { rows } = await this.pool.query<NodeResponseRow>(
      `SELECT version_id AS "versionId", node_id AS "nodeId",
         count(*) FILTER (WHERE kind = 'delivered')::integer AS delivered,
         count(*) FILTER (WHERE kind = 'opened')::integer AS opened,
         count(DISTINCT message_id) FILTER (WHERE kind = 'clicked')::integer AS clicked,
         count(DISTINCT message_id) FILTER (WHERE kind = 'replied')::integer AS replied,
         count(*) FILTER (WHERE kind = 'unsubscribed')::integer AS unsubscribed,
         count(*) FILTER (WHERE kind = 'converted')::integer AS converted,
         COALESCE(sum((detail->>'amount')::bigint) FILTER (WHERE kind = 'converted'), 0)::float8 AS revenue
       FROM response WHERE workspace_id = $1 AND journey_id = $2 AND at >= $3 AND at < $4
         AND version_id IS NOT NULL AND node_id IS NOT NULL
       GROUP BY 1, 2`,
      [workspaceId, journeyId, period.from, period.to],
    );
    return rows;
  }

  /**
   * Treated against holdout (and arm against arm) at each compared node, for the enrolments that
   * entered in the period. Each customer is placed at the node at a moment: treated when they
   * reached it; holdout customers (who never reach a send) at their holdout decision plus the median
   * time treated customers took from there to the node; split arms when they reached the split.
   * Customers who had already bought since entering are left out on both sides (a converted
   * customer leaves the journey before its later steps). The outcome is a non-trial order within
   * the attribution window after the moment, and its revenue: the holdout definition of the
   * attribution, applied to both groups.
   */
  async groupOutcomes(scope: Scope, nodes: readonly ComparedNode[], windowDays: number): Promise<GroupOutcomeRow[]> {
    if (!nodes.length) return [];
    const { rows } = await this.pool.query<GroupOutcomeRow>(
      `WITH nodes AS (
         SELECT * FROM unnest($6::int[], $7::text[], $8::text[]) AS n(version_id, node_id, kind)
       ), cohort AS MATERIALIZED (
         SELECT e.id, e.version_id, e.customer_id, e.holdout_group, e.entered_at, e.context FROM enrollment e
         WHERE e.workspace_id = $1 AND e.journey_id = $2 AND e.entered_at >= $4 AND e.entered_at < $5
       ), arrivals AS MATERIALIZED (
         SELECT s.enrollment_id, s.version_id, s.to_node AS node_id, n.kind, min(s.at) AS at
         FROM enrollment_step s
         JOIN nodes n ON n.version_id = s.version_id AND n.node_id = s.to_node
         JOIN cohort c ON c.id = s.enrollment_id
         WHERE s.workspace_id = $1 AND s.version_id = ANY($3::int[]) AND s.at >= $4
         GROUP BY 1, 2, 3, 4
       ), held AS (
         SELECT enrollment_id, min(at) AS at FROM arrivals WHERE kind = 'holdout' GROUP BY 1
       ), delays AS (
         SELECT a.version_id, a.node_id,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY date_part('epoch', a.at - h.at)) AS seconds
         FROM arrivals a JOIN held h USING (enrollment_id) JOIN cohort c ON c.id = a.enrollment_id
         WHERE a.kind = 'send' AND c.holdout_group = 'treatment'
         GROUP BY 1, 2
       ), placements AS MATERIALIZED (
         SELECT a.version_id, a.node_id, c.holdout_group AS grp, c.id AS enrollment_id, c.customer_id, a.at AS t, c.entered_at AS since
         FROM arrivals a JOIN cohort c ON c.id = a.enrollment_id
         WHERE a.kind = 'holdout' AND c.holdout_group IS NOT NULL
         UNION ALL
         SELECT a.version_id, a.node_id, 'treatment', c.id, c.customer_id, a.at, c.entered_at
         FROM arrivals a JOIN cohort c ON c.id = a.enrollment_id
         WHERE a.kind = 'send' AND c.holdout_group = 'treatment'
         UNION ALL
         SELECT d.version_id, d.node_id, 'control', c.id, c.customer_id, h.at + make_interval(secs => d.seconds), c.entered_at
         FROM delays d JOIN cohort c ON c.version_id = d.version_id AND c.holdout_group = 'control'
         JOIN held h ON h.enrollment_id = c.id
         UNION ALL
         SELECT a.version_id, a.node_id, 'arm:' || COALESCE(c.context->'arms'->>a.node_id, '?'), c.id, c.customer_id, a.at, c.entered_at
         FROM arrivals a JOIN cohort c ON c.id = a.enrollment_id
         WHERE a.kind = 'split'
       ), orders AS (
         SELECT o.customer_id, o.ordered_at, o.amount FROM customer_order o
         WHERE o.workspace_id = $1 AND o.ordered_at >= $4 AND NOT o.trial_only
           AND o.customer_id IN (SELECT customer_id FROM cohort)
       ), outcomes AS (
         SELECT p.version_id, p.node_id, p.grp, p.enrollment_id,
           bool_or(o.ordered_at <= p.t) AS bought_before,
           COALESCE(sum(o.amount) FILTER (WHERE o.ordered_at > p.t), 0)::float8 AS revenue,
           bool_or(o.ordered_at > p.t) AS converted
         FROM placements p JOIN orders o ON o.customer_id = p.customer_id
           AND o.ordered_at > p.since AND o.ordered_at <= p.t + make_interval(days => $9)
         GROUP BY 1, 2, 3, 4
       ), placed AS (
         SELECT version_id, node_id, grp, count(*) AS n FROM placements GROUP BY 1, 2, 3
       ), bought AS (
         SELECT version_id, node_id, grp,
           count(*) FILTER (WHERE bought_before) AS excluded,
           count(*) FILTER (WHERE converted AND NOT bought_before) AS converted,
           COALESCE(sum(revenue) FILTER (WHERE NOT bought_before), 0) AS revenue_sum,
           COALESCE(sum(revenue * revenue) FILTER (WHERE NOT bought_before), 0) AS revenue_squares
         FROM outcomes GROUP BY 1, 2, 3
       )
       SELECT p.version_id AS "versionId", p.node_id AS "nodeId", p.grp AS "group",
         (p.n - COALESCE(b.excluded, 0))::integer AS customers, COALESCE(b.converted, 0)::integer AS converted,
         COALESCE(b.revenue_sum, 0)::float8 AS "revenueSum",
         CASE WHEN p.n - COALESCE(b.excluded, 0) > 1 THEN
           GREATEST(0, (COALESCE(b.revenue_squares, 0)::numeric
             - COALESCE(b.revenue_sum, 0)::numeric ^ 2 / (p.n - COALESCE(b.excluded, 0)))
             / (p.n - COALESCE(b.excluded, 0) - 1))::float8
         END AS "revenueVariance"
       FROM placed p LEFT JOIN bought b USING (version_id, node_id, grp)
       ORDER BY 1, 2, 3`,
      [
        scope.workspaceId,
        scope.journeyId,
        scope.versionIds,
        scope.period.from,
        scope.period.to,
        nodes.map((n) => n.versionId),
        nodes.map((n) => n.nodeId),
        nodes.map((n) => n.kind),
        windowDays,
      ],
    );
    return rows;
  }

  /**
   * The enrolments of the period in the holdout experiment by purchase history at entry (non-trial
   * purchases before entering, capped, and whole months since the last), with how many bought again
   * within `repeatWindowDays` after entering: the RF cell at entry, mapped to a stage by the caller.
   */
  async stageCells(
    scope: Scope,
    frequencyCap: number,
    recencyMonths: number,
    repeatWindowDays: number,
  ): Promise<StageCellRow[]> {
    const { rows } = await this.pool.query<StageCellRow>(
      `WITH cohort AS MATERIALIZED (
         SELECT e.id, e.customer_id, e.holdout_group, e.entered_at FROM enrollment e
         WHERE e.workspace_id = $1 AND e.journey_id = $2 AND e.entered_at >= $3 AND e.entered_at < $4
           AND e.holdout_group IS NOT NULL
       ), history AS (
         SELECT c.id,
           count(*) FILTER (WHERE o.ordered_at < c.entered_at) AS purchases,
           max(o.ordered_at) FILTER (WHERE o.ordered_at < c.entered_at) AS last_at,
           bool_or(o.ordered_at > c.entered_at AND o.ordered_at <= c.entered_at + make_interval(days => $7)) AS repeated
         FROM cohort c JOIN customer_order o ON o.workspace_id = $1 AND o.customer_id = c.customer_id AND NOT o.trial_only
           AND o.ordered_at <= c.entered_at + make_interval(days => $7)
         GROUP BY c.id
       )
       SELECT c.holdout_group AS "group",
         LEAST(COALESCE(h.purchases, 0), $5)::integer AS purchases,
         LEAST(${monthsFromDaysSql(daysBetweenSql('c.entered_at', 'h.last_at'))}, $6)::integer AS months,
         count(*)::integer AS customers, count(*) FILTER (WHERE h.repeated)::integer AS repeated
       FROM cohort c LEFT JOIN history h ON h.id = c.id
       GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      [
        scope.workspaceId,
        scope.journeyId,
        scope.period.from,
        scope.period.to,
        frequencyCap,
        recencyMonths,
        repeatWindowDays,
      ],
    );
    return rows;
  }
}
