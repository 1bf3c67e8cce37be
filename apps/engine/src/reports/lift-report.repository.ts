import type { Pool } from '@kizuna/db';
import { Inject, Injectable } from '@nestjs/common';
import type { QueryResultRow } from 'pg';
import { daysBetweenSql, monthsFromDaysSql } from '../analytics/sql/day-arithmetic.sql';
import { PG_POOL } from '../infrastructure/database/database.tokens';
import { withTransaction } from '../infrastructure/database/transaction';
import type { ReportPeriod } from './report-period';

/** Nodes whose figures the report compares, per version: a holdout, a send, a split. */
export interface ComparedNode {
  versionId: number;
  nodeId: string;
  kind: 'holdout' | 'send' | 'split';
}

/** Transitions in the period along one exit of a node (to null: out of the journey). */
export interface TransitionRow {
  versionId: number;
  fromNode: string;
  handle: string;
  toNode: string | null;
  n: number;
}

/** Holdout decisions "control" by minute, from the lookback on: where holdout customers are placed. */
export interface ControlMinuteRow {
  versionId: number;
  minute: Date;
  n: number;
}

export interface WaitingRow {
  versionId: number;
  nodeId: string;
  n: number;
}

/** Median time from the holdout decision to a send, for treated customers. */
export interface StepDelay {
  versionId: number;
  nodeId: string;
  seconds: number;
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

/** Among one group's customers placed at one node who had bought since entering, converting after, revenue. */
export interface BuyerOutcomeRow {
  versionId: number;
  nodeId: string;
  /** "treatment", "control" or "arm:<id>". */
  group: string;
  /** Placed there although they had bought since entering: left out. */
  excluded: number;
  converted: number;
  revenueSum: number;
  revenueSquares: number;
}

export interface StageCellRow {
  group: 'treatment' | 'control';
  /** Non-trial purchases before entering, and whole months since the last one (null: none). */
  purchases: number;
  months: number | null;
  customers: number;
  repeated: number;
}

export interface Scope {
  workspaceId: number;
  journeyId: number;
  versionIds: readonly number[];
  period: ReportPeriod;
}

/** Delays measured on a 1 % page sample when it holds this many arrivals; exactly otherwise. */
const SAMPLED_ARRIVALS = 200;

/**
 * The lift report's SQL: one set-based statement per figure family, each over the journey's rows
 * only, grouped by version and node. Only this class reads the tables.
 */
@Injectable()
export class LiftReportRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /**
   * Each statement in a read-only transaction of its own: JIT compilation costs a few hundred
   * milliseconds per statement and a report runs each once, so it never pays back; hashing and
   * sorting a million enrolments needs more than the default 4 MB to stay in memory; and the
   * planner, expecting many groups (minutes of holdout decisions), refuses the parallel aggregate
   * that halves the scan of the steps (5.9 s -> 2.7 s on the lift bench under load).
   */
  private query<R extends QueryResultRow>(sql: string, params: readonly unknown[], options: { noSort?: boolean } = {}) {
    return withTransaction(this.pool, async (tx) => {
      await tx.query('SET TRANSACTION READ ONLY');
      await tx.query('SET LOCAL jit = off');
      await tx.query("SET LOCAL work_mem = '64MB'");
      await tx.query('SET LOCAL parallel_setup_cost = 0');
      await tx.query('SET LOCAL parallel_tuple_cost = 0');
      if (options.noSort) await tx.query('SET LOCAL enable_sort = off');
      return tx.query<R>(sql, [...params]);
    });
  }

  /**
   * One scan of the journey's steps since `lookbackFrom`: transitions per exit of each node within
   * the period, and the holdout decisions "control" by minute over the whole range (where holdout
   * customers are placed at later steps).
   */
  async transitions(
    { workspaceId, versionIds, period }: Scope,
    holdoutNodes: readonly string[],
    lookbackFrom: Date,
  ): Promise<{ transitions: TransitionRow[]; controlMinutes: ControlMinuteRow[] }> {
    const { rows } = await this.query<TransitionRow & { minute: Date | null; total: number }>(
      `SELECT version_id AS "versionId", from_node AS "fromNode", handle, to_node AS "toNode",
         CASE WHEN handle = 'control' AND from_node = ANY($6::text[]) THEN date_trunc('minute', at) END AS minute,
         count(*) FILTER (WHERE at >= $3)::integer AS n, count(*)::integer AS total
       FROM enrollment_step
       WHERE workspace_id = $1 AND version_id = ANY($2::int[]) AND at >= $5 AND at < $4
       GROUP BY 1, 2, 3, 4, 5`,
      [workspaceId, versionIds, period.from, period.to, lookbackFrom, holdoutNodes],
    );
    const transitions = new Map<string, TransitionRow>();
    const controlMinutes: ControlMinuteRow[] = [];
    for (const row of rows) {
      if (row.minute) controlMinutes.push({ versionId: row.versionId, minute: row.minute, n: row.total });
      if (!row.n) continue;
      const key = [row.versionId, row.fromNode, row.handle, row.toNode ?? ''].join('\u0000');
      const edge = transitions.get(key);
      if (edge) edge.n += row.n;
      else
        transitions.set(key, {
          versionId: row.versionId,
          fromNode: row.fromNode,
          handle: row.handle,
          toNode: row.toNode,
          n: row.n,
        });
    }
    return { transitions: [...transitions.values()], controlMinutes };
  }

  async waiting({ workspaceId, journeyId }: Scope): Promise<WaitingRow[]> {
    const { rows } = await this.query<WaitingRow>(
      `SELECT version_id AS "versionId", node_id AS "nodeId", count(*)::integer AS n FROM enrollment
       WHERE workspace_id = $1 AND journey_id = $2 AND state = 'active' GROUP BY 1, 2`,
      [workspaceId, journeyId],
    );
    return rows;
  }

  /** Messages created in the period per node and channel: sent (or delivered), suppressed, failed. */
  async messages({ workspaceId, journeyId, period }: Scope): Promise<NodeMessageRow[]> {
    const { rows } = await this.query<NodeMessageRow>(
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
    const params = [workspaceId, journeyId, period.from, period.to];
    // Counting distinct messages needs a sort; only clicks and replies (a few) need it, so the
    // main count stays one hash aggregate over the responses.
    const [counts, distinct] = await Promise.all([
      this.query<NodeResponseRow>(
        `SELECT version_id AS "versionId", node_id AS "nodeId",
           count(*) FILTER (WHERE kind = 'delivered')::integer AS delivered,
           count(*) FILTER (WHERE kind = 'opened')::integer AS opened,
           0 AS clicked, 0 AS replied,
           count(*) FILTER (WHERE kind = 'unsubscribed')::integer AS unsubscribed,
           count(*) FILTER (WHERE kind = 'converted')::integer AS converted,
           COALESCE(sum((detail->>'amount')::bigint) FILTER (WHERE kind = 'converted'), 0)::float8 AS revenue
         FROM response WHERE workspace_id = $1 AND journey_id = $2 AND at >= $3 AND at < $4
           AND version_id IS NOT NULL AND node_id IS NOT NULL
         GROUP BY 1, 2`,
        params,
      ),
      this.query<{ versionId: number; nodeId: string; kind: 'clicked' | 'replied'; n: number }>(
        `SELECT version_id AS "versionId", node_id AS "nodeId", kind, count(DISTINCT message_id)::integer AS n
         FROM response WHERE workspace_id = $1 AND journey_id = $2 AND at >= $3 AND at < $4
           AND kind IN ('clicked', 'replied') AND version_id IS NOT NULL AND node_id IS NOT NULL
         GROUP BY 1, 2, 3`,
        params,
      ),
    ]);
    for (const row of distinct.rows) {
      const node = counts.rows.find((r) => r.versionId === row.versionId && r.nodeId === row.nodeId);
      if (node) node[row.kind] = row.n;
    }
    return counts.rows;
  }

  /**
   * The median time from the holdout decision to each send, for treated customers who reached the
   * send in the period: measured on a 1 % sample of the steps' pages when that holds enough arrivals
   * (a median needs a few hundred, not a million), else on every arrival (a small journey, found
   * through the index on the nodes leading to the send). The decision is looked up per arrival.
   */
  async delays(
    { workspaceId, versionIds, period }: Scope,
    sends: readonly { versionId: number; nodeId: string; predecessors: readonly string[] }[],
    holdoutNodes: readonly string[],
  ): Promise<StepDelay[]> {
    if (!sends.length || !holdoutNodes.length) return [];
    const measure = (source: string, predecessors: readonly string[] | null) =>
      this.query<StepDelay & { arrivals: number }>(
        `WITH sends AS (
           SELECT * FROM unnest($5::int[], $6::text[]) AS n(version_id, node_id)
         ), arrivals AS (
           SELECT s.enrollment_id, s.version_id, s.to_node, s.at FROM ${source}
           JOIN sends n ON n.version_id = s.version_id AND n.node_id = s.to_node
           WHERE s.workspace_id = $1 AND s.version_id = ANY($2::int[]) AND s.at >= $3 AND s.at < $4
             ${predecessors ? 'AND s.from_node = ANY($8::text[])' : ''}
         )
         SELECT a.version_id AS "versionId", a.to_node AS "nodeId", count(*)::integer AS arrivals,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY date_part('epoch', a.at - h.at)) AS seconds
         FROM arrivals a CROSS JOIN LATERAL (
           SELECT h.at FROM enrollment_step h
           WHERE h.enrollment_id = a.enrollment_id AND h.from_node = ANY($7::text[]) AND h.handle = 'treatment' AND h.at <= a.at
           ORDER BY h.id DESC LIMIT 1
         ) h
         GROUP BY 1, 2`,
        [
          workspaceId,
          versionIds,
          period.from,
          period.to,
          sends.map((n) => n.versionId),
          sends.map((n) => n.nodeId),
          holdoutNodes,
          ...(predecessors ? [predecessors] : []),
        ],
      );
    const sampled = (await measure('enrollment_step s TABLESAMPLE SYSTEM (1) REPEATABLE (8)', null)).rows;
    const enough = sampled.filter((row) => row.arrivals >= SAMPLED_ARRIVALS);
    if (enough.length === sends.length)
      return enough.map(({ versionId, nodeId, seconds }) => ({ versionId, nodeId, seconds }));
    const predecessors = [...new Set(sends.flatMap((n) => n.predecessors))];
    const exact = (await measure('enrollment_step s', predecessors)).rows;
    return exact.map(({ versionId, nodeId, seconds }) => ({ versionId, nodeId, seconds }));
  }

  /**
   * Treated against holdout (and arm against arm): the customers placed at each compared node in
   * the period are counted from the transitions; only customers who bought around the period can
   * change the outcome, so only their enrolments are placed one by one here. Treated customers are
   * placed when they reached the node; holdout customers (who never reach a send) at their holdout
   * decision plus the median delay to the send; arms when they took them. A customer who had
   * already bought since entering is left out (a converted customer leaves the journey before its
   * later steps); the outcome is a non-trial order within the attribution window after the moment,
   * and its revenue: the holdout definition of the attribution, applied to both groups.
   */
  async buyerOutcomes(
    { workspaceId, journeyId, period }: Scope,
    nodes: readonly ComparedNode[],
    delays: readonly StepDelay[],
    windowDays: number,
    lookbackFrom: Date,
  ): Promise<BuyerOutcomeRow[]> {
    if (!nodes.length) return [];
    const { rows } = await this.query<BuyerOutcomeRow>(
      `WITH nodes AS (
         SELECT * FROM unnest($6::int[], $7::text[], $8::text[]) AS n(version_id, node_id, kind)
       ), delays AS (
         SELECT * FROM unnest($9::int[], $10::text[], $11::float8[]) AS d(version_id, node_id, seconds)
       ), recent_orders AS MATERIALIZED (
         -- Orders since the lookback: a purchase between entering and the step before it is not
         -- seen (only for enrolments that entered that long before the period).
         SELECT customer_id, ordered_at, amount FROM customer_order
         WHERE workspace_id = $1 AND NOT trial_only AND ordered_at > $5::timestamptz AND ordered_at <= $4::timestamptz + make_interval(days => $12)
       ), buyers AS (
         SELECT DISTINCT customer_id FROM recent_orders
       ), enrolments AS MATERIALIZED (
         -- Index lookups per buyer and per enrolment (a few percent of the journey), not hash joins
         -- over every enrolment and step (OFFSET 0 keeps the planner from flattening them into one).
         SELECT e.id, e.customer_id, e.entered_at FROM buyers b CROSS JOIN LATERAL (
           SELECT e.id, e.customer_id, e.entered_at FROM enrollment e
           WHERE e.workspace_id = $1 AND e.customer_id = b.customer_id AND e.journey_id = $2
           OFFSET 0
         ) e
       ), steps AS MATERIALIZED (
         SELECT s.enrollment_id, s.version_id, s.from_node, s.handle, s.to_node, s.at
         FROM enrolments e CROSS JOIN LATERAL (
           SELECT s.enrollment_id, s.version_id, s.from_node, s.handle, s.to_node, s.at FROM enrollment_step s
           WHERE s.enrollment_id = e.id AND s.at >= $5 AND s.at < $4
           OFFSET 0
         ) s
       ), placements AS (
         SELECT s.version_id, s.to_node AS node_id, 'treatment' AS grp, s.enrollment_id, s.at AS t
         FROM steps s JOIN nodes n ON n.kind = 'send' AND n.version_id = s.version_id AND n.node_id = s.to_node
         WHERE s.at >= $3
         UNION ALL
         SELECT s.version_id, s.from_node, s.handle, s.enrollment_id, s.at
         FROM steps s JOIN nodes n ON n.kind = 'holdout' AND n.version_id = s.version_id AND n.node_id = s.from_node
         WHERE s.at >= $3
         UNION ALL
         SELECT s.version_id, s.from_node, 'arm:' || s.handle, s.enrollment_id, s.at
         FROM steps s JOIN nodes n ON n.kind = 'split' AND n.version_id = s.version_id AND n.node_id = s.from_node
         WHERE s.at >= $3
         UNION ALL
         SELECT d.version_id, d.node_id, 'control', s.enrollment_id, s.at + make_interval(secs => d.seconds)
         FROM steps s JOIN nodes n ON n.kind = 'holdout' AND n.version_id = s.version_id AND n.node_id = s.from_node
         JOIN delays d ON d.version_id = s.version_id
         WHERE s.handle = 'control' AND s.at + make_interval(secs => d.seconds) >= $3 AND s.at + make_interval(secs => d.seconds) < $4
       ), outcomes AS (
         -- The buyers' recent orders are a few rows per customer: one hash join, no lookup per placement.
         SELECT p.version_id, p.node_id, p.grp, p.enrollment_id, p.t,
           bool_or(o.ordered_at <= p.t) AS bought_before,
           bool_or(o.ordered_at > p.t) AS converted,
           COALESCE(sum(o.amount) FILTER (WHERE o.ordered_at > p.t), 0)::float8 AS revenue
         FROM placements p JOIN enrolments e ON e.id = p.enrollment_id
         JOIN recent_orders o ON o.customer_id = e.customer_id AND o.ordered_at > e.entered_at
           AND o.ordered_at <= p.t + make_interval(days => $12)
         GROUP BY 1, 2, 3, 4, 5
       )
       SELECT version_id AS "versionId", node_id AS "nodeId", grp AS "group",
         count(*) FILTER (WHERE bought_before)::integer AS excluded,
         count(*) FILTER (WHERE converted AND NOT bought_before)::integer AS converted,
         COALESCE(sum(revenue) FILTER (WHERE converted AND NOT bought_before), 0)::float8 AS "revenueSum",
         COALESCE(sum(revenue * revenue) FILTER (WHERE converted AND NOT bought_before), 0)::float8 AS "revenueSquares"
       FROM outcomes GROUP BY 1, 2, 3`,
      [
        workspaceId,
        journeyId,
        period.from,
        period.to,
        lookbackFrom,
        nodes.map((n) => n.versionId),
        nodes.map((n) => n.nodeId),
        nodes.map((n) => n.kind),
        delays.map((d) => d.versionId),
        delays.map((d) => d.nodeId),
        delays.map((d) => d.seconds),
        windowDays,
      ],
      // Materialised CTEs are estimated at a few hundred rows: the planner sorts 236,000 placements
      // to group them (0.9 s on the bench) where hashing them fits in work_mem.
      { noSort: true },
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
    // Customers without any purchase up to the end of their repeat window are most of a journey's
    // enrolments and all in one cell: counted per group, only buyers looked at one by one.
    const { rows } = await this.query<StageCellRow>(
      `WITH cohort AS (
         SELECT e.id, e.customer_id, e.holdout_group, e.entered_at FROM enrollment e
         WHERE e.workspace_id = $1 AND e.journey_id = $2 AND e.entered_at >= $3 AND e.entered_at < $4
           AND e.holdout_group IS NOT NULL
       ), history AS (
         SELECT c.id, c.holdout_group, c.entered_at,
           count(*) FILTER (WHERE o.ordered_at < c.entered_at) AS purchases,
           max(o.ordered_at) FILTER (WHERE o.ordered_at < c.entered_at) AS last_at,
           bool_or(o.ordered_at > c.entered_at) AS repeated
         FROM cohort c JOIN customer_order o ON o.workspace_id = $1 AND o.customer_id = c.customer_id AND NOT o.trial_only
           AND o.ordered_at <= c.entered_at + make_interval(days => $7)
         GROUP BY 1, 2, 3
       ), cells AS (
         SELECT holdout_group AS "group", LEAST(purchases, $5)::integer AS purchases,
           LEAST(${monthsFromDaysSql(daysBetweenSql('entered_at', 'last_at'))}, $6)::integer AS months,
           count(*)::integer AS customers, count(*) FILTER (WHERE repeated)::integer AS repeated
         FROM history GROUP BY 1, 2, 3
       )
       SELECT * FROM cells
       UNION ALL
       SELECT c.holdout_group, 0, NULL,
         (count(*) - COALESCE((SELECT sum(customers) FROM cells WHERE "group" = c.holdout_group), 0))::integer, 0
       FROM cohort c GROUP BY c.holdout_group`,
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
