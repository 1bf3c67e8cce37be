import type { Pool } from '@kizuna/db';
import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '../infrastructure/database/database.tokens';
import type { Queryable } from '../infrastructure/database/transaction';

export const RESPONSE_KINDS = [
  'delivered',
  'opened',
  'clicked',
  'replied',
  'postback',
  'unsubscribed',
  'bounced',
  'failed',
  'converted',
] as const;
export type ResponseKind = (typeof RESPONSE_KINDS)[number];

export interface NewResponse {
  workspaceId: number;
  customerId: number;
  /** The message it answers (null: a reply or conversion not traced to one, e.g. a holdout's purchase). */
  messageId: string | null;
  kind: ResponseKind;
  at: Date;
  detail?: Record<string, unknown>;
  /** One response per provider event or order: recording it twice keeps one row. */
  dedupeKey: string;
  /** Attribution when there is no message (a holdout customer's conversion at its journey step). */
  enrollmentId?: string | null;
  journeyId?: number | null;
  versionId?: number | null;
  nodeId?: string | null;
  channel?: string | null;
}

/**
 * Responses, each tied to its message and, through it, to the enrolment and journey step that
 * sent it (copied on the row: step statistics read one table).
 */
@Injectable()
export class ResponseRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /** Records responses; returns how many were new. */
  async record(responses: readonly NewResponse[], db: Queryable = this.pool): Promise<number> {
    if (!responses.length) return 0;
    const { rowCount } = await db.query(
      `INSERT INTO response (workspace_id, customer_id, message_id, enrollment_id, journey_id, version_id, node_id, channel, kind, at, detail, dedupe_key)
       SELECT r.workspace_id, r.customer_id, r.message_id, COALESCE(m.enrollment_id, r.enrollment_id), COALESCE(m.journey_id, r.journey_id),
         COALESCE(m.version_id, r.version_id), COALESCE(m.node_id, r.node_id), COALESCE(m.channel, r.channel), r.kind, r.at, r.detail, r.dedupe_key
       FROM unnest($1::integer[], $2::integer[], $3::bigint[], $4::text[], $5::timestamptz[], $6::jsonb[], $7::text[],
         $8::bigint[], $9::integer[], $10::integer[], $11::text[], $12::text[])
         AS r(workspace_id, customer_id, message_id, kind, at, detail, dedupe_key, enrollment_id, journey_id, version_id, node_id, channel)
       LEFT JOIN message m ON m.id = r.message_id AND m.workspace_id = r.workspace_id
       ON CONFLICT (workspace_id, dedupe_key) DO NOTHING`,
      [
        responses.map((r) => r.workspaceId),
        responses.map((r) => r.customerId),
        responses.map((r) => r.messageId),
        responses.map((r) => r.kind),
        responses.map((r) => r.at),
        responses.map((r) => JSON.stringify(r.detail ?? {})),
        responses.map((r) => r.dedupeKey),
        responses.map((r) => r.enrollmentId ?? null),
        responses.map((r) => r.journeyId ?? null),
        responses.map((r) => r.versionId ?? null),
        responses.map((r) => r.nodeId ?? null),
        responses.map((r) => r.channel ?? null),
      ],
    );
    return rowCount ?? 0;
  }

  async listForMessage(
    workspaceId: number,
    messageId: string,
  ): Promise<{ kind: ResponseKind; at: Date; detail: Record<string, unknown> }[]> {
    const { rows } = await this.pool.query<{ kind: ResponseKind; at: Date; detail: Record<string, unknown> }>(
      `SELECT kind, at, detail FROM response WHERE workspace_id = $1 AND message_id = $2 ORDER BY at, id`,
      [workspaceId, messageId],
    );
    return rows;
  }
}
