import type { Pool } from '@kizuna/db';
import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '../infrastructure/database/database.tokens';
import type {
  CustomerActivityTotals,
  CustomerEnrollment,
  CustomerMessage,
  CustomerResponse,
  CustomerScore,
} from './customer-activity';

/** Reply texts are kept up to 1,600 characters (an SMS); a profile row shows the start of one. */
const REPLY_TEXT_SHOWN = 500;

/**
 * What the engine did with a customer and how they answered: messages, responses, scores and
 * journey enrolments, newest first and capped, each list one indexed query joined to its journey's
 * name (never a query per row).
 */
@Injectable()
export class CustomerActivityRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /** Served by message_workspace_id_customer_id_created_at_idx. */
  async messages(workspaceId: number, customerId: number, limit: number): Promise<CustomerMessage[]> {
    const { rows } = await this.pool.query<CustomerMessage>(
      `SELECT m.id::text AS id, m.channel, m.status, m.suppression_reason AS "suppressionReason",
              m.template_id AS "templateId", m.journey_id AS "journeyId", j.name AS "journeyName",
              m.node_id AS "nodeId", m.created_at AS "createdAt", m.sent_at AS "sentAt", m.delivered_at AS "deliveredAt"
         FROM message m
         LEFT JOIN journey j ON j.id = m.journey_id AND j.workspace_id = m.workspace_id
        WHERE m.workspace_id = $1 AND m.customer_id = $2
        ORDER BY m.created_at DESC, m.id DESC
        LIMIT $3`,
      [workspaceId, customerId, limit],
    );
    return rows;
  }

  /**
   * Served by response_workspace_id_customer_id_at_idx. Only the typed parts of `detail` are read
   * (the link clicked, a reply's text, a conversion's amount and event), so a provider field that
   * lands in the JSON later does not leak into the API unannounced.
   */
  async responses(workspaceId: number, customerId: number, limit: number): Promise<CustomerResponse[]> {
    const { rows } = await this.pool.query<CustomerResponse>(
      `SELECT r.id::text AS id, r.kind, r.channel, r.at, r.message_id::text AS "messageId",
              r.journey_id AS "journeyId", j.name AS "journeyName", r.node_id AS "nodeId",
              r.detail->>'url' AS url,
              left(r.detail->>'text', $4) AS text,
              CASE WHEN jsonb_typeof(r.detail->'amount') = 'number' THEN (r.detail->>'amount')::numeric END AS amount,
              r.detail->>'event' AS event,
              r.detail->>'via' AS via
         FROM response r
         LEFT JOIN journey j ON j.id = r.journey_id AND j.workspace_id = r.workspace_id
        WHERE r.workspace_id = $1 AND r.customer_id = $2
        ORDER BY r.at DESC, r.id DESC
        LIMIT $3`,
      [workspaceId, customerId, limit, REPLY_TEXT_SHOWN],
    );
    return rows;
  }

  /** The current value of each model (customer_score keeps one row per customer and model). */
  async scores(workspaceId: number, customerId: number, limit: number): Promise<CustomerScore[]> {
    const { rows } = await this.pool.query<CustomerScore>(
      `SELECT model, value, model_version AS version, computed_at AS "computedAt"
         FROM customer_score
        WHERE workspace_id = $1 AND customer_id = $2
        ORDER BY model
        LIMIT $3`,
      [workspaceId, customerId, limit],
    );
    return rows;
  }

  /** Served by enrollment_workspace_id_customer_id_idx; the version number from the enrolment's version. */
  async enrollments(workspaceId: number, customerId: number, limit: number): Promise<CustomerEnrollment[]> {
    const { rows } = await this.pool.query<CustomerEnrollment>(
      `SELECT e.id::text AS id, e.journey_id AS "journeyId", j.name AS "journeyName", v.version,
              e.state, e.node_id AS "nodeId", e.entered_at AS "enteredAt", e.exited_at AS "exitedAt",
              e.exit_reason AS "exitReason", e.wake_at AS "wakeAt", e.converted_goal AS "convertedGoal",
              e.converted_at AS "convertedAt", e.holdout_group AS "holdoutGroup"
         FROM enrollment e
         JOIN journey j ON j.id = e.journey_id AND j.workspace_id = e.workspace_id
         LEFT JOIN journey_version v ON v.id = e.version_id
        WHERE e.workspace_id = $1 AND e.customer_id = $2
        ORDER BY e.entered_at DESC, e.id DESC
        LIMIT $3`,
      [workspaceId, customerId, limit],
    );
    return rows;
  }

  /** How many of each there are, so a capped list can say it shows the latest n of m. */
  async totals(workspaceId: number, customerId: number): Promise<CustomerActivityTotals> {
    const { rows } = await this.pool.query<CustomerActivityTotals>(
      `SELECT (SELECT count(*) FROM message WHERE workspace_id = $1 AND customer_id = $2) AS messages,
              (SELECT count(*) FROM response WHERE workspace_id = $1 AND customer_id = $2) AS responses,
              (SELECT count(*) FROM customer_score WHERE workspace_id = $1 AND customer_id = $2) AS scores,
              (SELECT count(*) FROM enrollment WHERE workspace_id = $1 AND customer_id = $2) AS journeys`,
      [workspaceId, customerId],
    );
    return rows[0]!;
  }
}
