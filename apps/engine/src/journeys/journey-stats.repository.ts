import type { Pool } from '@kizuna/db';
import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '../infrastructure/database/database.tokens';

export interface NodeStatistics {
  nodeId: string;
  entered: number;
  waiting: number;
  messages: Record<string, number>;
  /** Customers who responded to the node's messages, by response kind (opened, clicked, converted...). */
  responses: Record<string, number>;
}

export interface EnrollmentSummary {
  id: string;
  customerId: number;
  version: number;
  state: string;
  nodeId: string;
  wakeAt: Date | null;
  holdoutGroup: string | null;
  enteredAt: Date;
  exitedAt: Date | null;
  exitReason: string | null;
}

/** Read models of a running journey: per-node figures and enrolment lists. */
@Injectable()
export class JourneyStatsRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /**
   * Per node of the journey (all versions): arrivals (transitions into it; for a trigger, the
   * enrolments that started there), enrolments waiting there now, and its messages by status.
   */
  async forJourney(workspaceId: number, journeyId: number): Promise<NodeStatistics[]> {
    const params = [workspaceId, journeyId];
    const [arrivals, departures, waiting, messages, responses] = await Promise.all([
      this.pool.query<{ nodeId: string; n: number }>(
        `SELECT s.to_node AS "nodeId", count(*)::integer AS n FROM enrollment_step s JOIN journey_version v ON v.id = s.version_id
         WHERE v.workspace_id = $1 AND v.journey_id = $2 AND s.to_node IS NOT NULL GROUP BY s.to_node`,
        params,
      ),
      this.pool.query<{ nodeId: string; n: number }>(
        `SELECT s.from_node AS "nodeId", count(DISTINCT s.enrollment_id)::integer AS n FROM enrollment_step s
         JOIN journey_version v ON v.id = s.version_id
         WHERE v.workspace_id = $1 AND v.journey_id = $2 AND s.from_node IN (
           SELECT n->>'id' FROM journey_version jv, jsonb_array_elements(jv.graph->'nodes') n
           WHERE jv.workspace_id = $1 AND jv.journey_id = $2 AND n->>'type' LIKE 'trigger.%')
         GROUP BY s.from_node`,
        params,
      ),
      this.pool.query<{ nodeId: string; n: number }>(
        `SELECT node_id AS "nodeId", count(*)::integer AS n FROM enrollment
         WHERE workspace_id = $1 AND journey_id = $2 AND state = 'active' GROUP BY node_id`,
        params,
      ),
      this.pool.query<{ nodeId: string; status: string; n: number }>(
        `SELECT node_id AS "nodeId", status, count(*)::integer AS n FROM message
         WHERE workspace_id = $1 AND journey_id = $2 GROUP BY node_id, status`,
        params,
      ),
      this.pool.query<{ nodeId: string; kind: string; n: number }>(
        `SELECT node_id AS "nodeId", kind, count(DISTINCT customer_id)::integer AS n FROM response
         WHERE workspace_id = $1 AND journey_id = $2 AND node_id IS NOT NULL GROUP BY node_id, kind`,
        params,
      ),
    ]);
    const stats = new Map<string, NodeStatistics>();
    const of = (nodeId: string) => {
      let node = stats.get(nodeId);
      if (!node) stats.set(nodeId, (node = { nodeId, entered: 0, waiting: 0, messages: {}, responses: {} }));
      return node;
    };
    for (const row of arrivals.rows) of(row.nodeId).entered += row.n;
    // A trigger has no arrivals: the enrolments that left it entered it (those still waiting there show as waiting).
    for (const row of departures.rows) of(row.nodeId).entered += row.n;
    for (const row of waiting.rows) of(row.nodeId).waiting = row.n;
    for (const row of messages.rows) if (row.nodeId) of(row.nodeId).messages[row.status] = row.n;
    for (const row of responses.rows) of(row.nodeId).responses[row.kind] = row.n;
    return [...stats.values()].sort((a, b) => a.nodeId.localeCompare(b.nodeId));
  }

  async enrollments(
    workspaceId: number,
    journeyId: number,
    query: { state?: string | undefined; limit: number },
  ): Promise<EnrollmentSummary[]> {
    const { rows } = await this.pool.query<EnrollmentSummary>(
      `SELECT e.id, e.customer_id AS "customerId", v.version, e.state, e.node_id AS "nodeId", e.wake_at AS "wakeAt",
         e.holdout_group AS "holdoutGroup", e.entered_at AS "enteredAt", e.exited_at AS "exitedAt", e.exit_reason AS "exitReason"
       FROM enrollment e JOIN journey_version v ON v.id = e.version_id
       WHERE e.workspace_id = $1 AND e.journey_id = $2 AND ($3::text IS NULL OR e.state = $3)
       ORDER BY e.id LIMIT $4`,
      [workspaceId, journeyId, query.state ?? null, query.limit],
    );
    return rows;
  }
}
