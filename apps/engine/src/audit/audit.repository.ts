import type { Pool } from '@kizuna/db';
import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '../infrastructure/database/database.tokens';
import type { Queryable } from '../infrastructure/database/transaction';
import type { AuditActor } from './audit-actor';
import type { AuditDetails } from './audit-action';

export interface NewAuditEntry {
  actor: AuditActor;
  action: string;
  targetType: string;
  targetId: string | null;
  details: AuditDetails;
}

export interface AuditEntryView {
  id: string;
  at: Date;
  actor: { type: string; id: string | null; name: string | null };
  action: string;
  target: { type: string; id: string | null };
  details: AuditDetails;
}

export interface AuditQuery {
  action?: string;
  from?: Date;
  to?: Date;
  /** The id of the last entry of the previous page. */
  before?: string;
  limit: number;
}

interface AuditRow {
  id: string;
  at: Date;
  actorType: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  details: AuditDetails;
}

@Injectable()
export class AuditRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /** The key's name or the user's email is copied when it acts: either may change or go later. */
  async insert(workspaceId: number, entry: NewAuditEntry, db: Queryable = this.pool): Promise<void> {
    await db.query(
      `INSERT INTO audit_entry (workspace_id, actor_type, actor_id, actor_name, action, target_type, target_id, details)
       VALUES ($1, $2, $3,
               CASE $2 WHEN 'api_key' THEN (SELECT name FROM api_key WHERE workspace_id = $1 AND id::text = $3)
                       WHEN 'user' THEN (SELECT email FROM app_user WHERE id::text = $3) END,
               $4, $5, $6, $7)`,
      [
        workspaceId,
        entry.actor.type,
        entry.actor.id,
        entry.action,
        entry.targetType,
        entry.targetId,
        JSON.stringify(entry.details),
      ],
    );
  }

  /** Newest first; served by audit_entry_workspace_id_id_idx (or the action index when filtered). */
  async list(workspaceId: number, query: AuditQuery): Promise<AuditEntryView[]> {
    const { rows } = await this.pool.query<AuditRow>(
      `SELECT id::text, at, actor_type AS "actorType", actor_id AS "actorId", actor_name AS "actorName", action,
              target_type AS "targetType", target_id AS "targetId", details
         FROM audit_entry
        WHERE workspace_id = $1
          AND ($2::text IS NULL OR action = $2)
          AND ($3::timestamptz IS NULL OR at >= $3)
          AND ($4::timestamptz IS NULL OR at < $4)
          AND ($5::bigint IS NULL OR id < $5)
        ORDER BY audit_entry.id DESC
        LIMIT $6`,
      [workspaceId, query.action ?? null, query.from ?? null, query.to ?? null, query.before ?? null, query.limit],
    );
    return rows.map((row) => ({
      id: row.id,
      at: row.at,
      actor: { type: row.actorType, id: row.actorId, name: row.actorName },
      action: row.action,
      target: { type: row.targetType, id: row.targetId },
      details: row.details,
    }));
  }
}
