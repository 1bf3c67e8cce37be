import type { Pool } from '@kizuna/db';
import type { AudienceMember } from '@kizuna/channels';
import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '../infrastructure/database/database.tokens';

/** Current segment members with their latest email and phone and current email and SMS consent. */
@Injectable()
export class AudienceRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async segmentExists(workspaceId: number, segmentId: number): Promise<boolean> {
    const { rowCount } = await this.pool.query('SELECT 1 FROM segment WHERE workspace_id = $1 AND id = $2', [
      workspaceId,
      segmentId,
    ]);
    return (rowCount ?? 0) > 0;
  }

  async members(workspaceId: number, segmentId: number): Promise<AudienceMember[]> {
    const { rows } = await this.pool.query<AudienceMember>(
      `SELECT s.customer_id AS "customerId",
         (SELECT value FROM customer_identity i WHERE i.workspace_id = $1 AND i.customer_id = s.customer_id
             AND i.kind = 'email' ORDER BY i.id DESC LIMIT 1) AS email,
         (SELECT value FROM customer_identity i WHERE i.workspace_id = $1 AND i.customer_id = s.customer_id
             AND i.kind = 'phone' ORDER BY i.id DESC LIMIT 1) AS phone,
         (SELECT status::text FROM consent k WHERE k.workspace_id = $1 AND k.customer_id = s.customer_id
             AND k.channel = 'email' ORDER BY k.recorded_at DESC, k.id DESC LIMIT 1) AS "emailConsent",
         (SELECT status::text FROM consent k WHERE k.workspace_id = $1 AND k.customer_id = s.customer_id
             AND k.channel = 'sms' ORDER BY k.recorded_at DESC, k.id DESC LIMIT 1) AS "smsConsent"
         FROM segment_membership s
         JOIN customer c ON c.id = s.customer_id AND c.workspace_id = s.workspace_id AND c.status = 'active'
        WHERE s.workspace_id = $1 AND s.segment_id = $2 AND s.exited_at IS NULL
        ORDER BY s.customer_id`,
      [workspaceId, segmentId],
    );
    return rows;
  }
}
