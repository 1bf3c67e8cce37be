import type { Pool } from '@kizuna/db';
import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '../infrastructure/database/database.tokens';

/** A customer as a segment's member list and preview show them. */
export interface MemberSummary {
  id: number;
  displayName: string | null;
  email: string | null;
  prefecture: string | null;
  /** From the last analytics refresh, when the customer has purchases. */
  rfmRank: string | null;
  stableSegment: string | null;
  revenue: number | null;
  lastOrderAt: Date | null;
}

export interface MemberStay extends MemberSummary {
  enteredAt: Date;
}

export interface SegmentChangeRow {
  id: number;
  customerId: number;
  change: 'entered' | 'exited';
  at: Date;
}

const SUMMARY = `c.id,
  NULLIF(concat_ws(' ', c.family_name, c.given_name), '') AS "displayName",
  (SELECT value FROM customer_identity i WHERE i.customer_id = c.id AND i.kind = 'email' ORDER BY i.id LIMIT 1) AS email,
  c.prefecture, m.rfm_rank AS "rfmRank", m.stable_segment AS "stableSegment", m.revenue, m.last_order_at AS "lastOrderAt"`;

/** Reads of materialised membership: current members, their history, and the change log. */
@Injectable()
export class SegmentMembersRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async summaries(workspaceId: number, ids: readonly number[]): Promise<MemberSummary[]> {
    if (!ids.length) return [];
    const { rows } = await this.pool.query<MemberSummary>(
      `SELECT ${SUMMARY}
         FROM customer c LEFT JOIN customer_metrics m ON m.workspace_id = c.workspace_id AND m.customer_id = c.id
        WHERE c.workspace_id = $1 AND c.id = ANY($2::int[]) ORDER BY c.id`,
      [workspaceId, ids],
    );
    return rows;
  }

  /** Current members in customer id order, a page after `afterId`. */
  async current(workspaceId: number, segmentId: number, page: { after: number; limit: number }): Promise<MemberStay[]> {
    const { rows } = await this.pool.query<MemberStay>(
      `SELECT ${SUMMARY}, s.entered_at AS "enteredAt"
         FROM segment_membership s
         JOIN customer c ON c.id = s.customer_id
         LEFT JOIN customer_metrics m ON m.workspace_id = c.workspace_id AND m.customer_id = c.id
        WHERE s.workspace_id = $1 AND s.segment_id = $2 AND s.exited_at IS NULL AND s.customer_id > $3
        ORDER BY s.customer_id LIMIT $4`,
      [workspaceId, segmentId, page.after, page.limit],
    );
    return rows;
  }

  /** The entry and exit log after change id `after` (journeys and exports follow it by id). */
  async changes(
    workspaceId: number,
    segmentId: number,
    page: { after: number; limit: number },
  ): Promise<SegmentChangeRow[]> {
    const { rows } = await this.pool.query<SegmentChangeRow>(
      `SELECT id, customer_id AS "customerId", change, at FROM segment_change
        WHERE workspace_id = $1 AND segment_id = $2 AND id > $3 ORDER BY id LIMIT $4`,
      [workspaceId, segmentId, page.after, page.limit],
    );
    return rows;
  }

  /** A customer's stays in segments, current first (the customer profile shows them). */
  async staysOf(
    workspaceId: number,
    customerId: number,
  ): Promise<{ segmentId: number; name: string; enteredAt: Date; exitedAt: Date | null }[]> {
    const { rows } = await this.pool.query<{ segmentId: number; name: string; enteredAt: Date; exitedAt: Date | null }>(
      `SELECT s.segment_id AS "segmentId", g.name, s.entered_at AS "enteredAt", s.exited_at AS "exitedAt"
         FROM segment_membership s JOIN segment g ON g.id = s.segment_id
        WHERE s.workspace_id = $1 AND s.customer_id = $2
        ORDER BY s.exited_at IS NOT NULL, s.entered_at DESC LIMIT 100`,
      [workspaceId, customerId],
    );
    return rows;
  }
}
