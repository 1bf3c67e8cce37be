import { Injectable } from '@nestjs/common';
import type { Queryable } from '../infrastructure/database/transaction';
import { currentActor } from './audit-actor';
import type { AuditAction, AuditDetails, AuditTarget } from './audit-action';
import { AuditRepository, type AuditEntryView, type AuditQuery } from './audit.repository';

export interface AuditPage {
  items: AuditEntryView[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

/**
 * The workspace's audit log. Callers record after the change succeeded (or inside its transaction
 * with `db`), so the log never shows an action that did not happen.
 */
@Injectable()
export class AuditLog {
  constructor(private readonly entries: AuditRepository) {}

  async record(
    workspaceId: number,
    action: AuditAction,
    target: AuditTarget,
    details: AuditDetails = {},
    db?: Queryable,
  ): Promise<void> {
    await this.entries.insert(
      workspaceId,
      {
        actor: currentActor(),
        action,
        targetType: target.type,
        targetId: target.id === undefined || target.id === null ? null : String(target.id),
        details,
      },
      db,
    );
  }

  async list(workspaceId: number, query: AuditQuery): Promise<AuditPage> {
    const rows = await this.entries.list(workspaceId, { ...query, limit: query.limit + 1 });
    const items = rows.slice(0, query.limit);
    return { items, nextCursor: rows.length > query.limit ? items[items.length - 1]!.id : null };
  }
}
