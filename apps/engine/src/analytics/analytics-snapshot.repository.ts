import type { Pool } from '@kizuna/db';
import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '../infrastructure/database/database.tokens';
import type { Queryable } from '../infrastructure/database/transaction';

export const ANALYSIS_KINDS = [
  'rfm',
  'rf_matrix',
  'deciles',
  'abc',
  'stable_segments',
  'rank_down',
  'stability',
] as const;
export type AnalysisKind = (typeof ANALYSIS_KINDS)[number];

export interface AnalysisSnapshot<T = unknown> {
  kind: AnalysisKind;
  referenceAt: Date;
  computedAt: Date;
  settings: unknown;
  result: T;
}

@Injectable()
export class AnalyticsSnapshotRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async save(
    db: Queryable,
    workspaceId: number,
    kind: AnalysisKind,
    referenceAt: Date,
    settings: unknown,
    result: unknown,
  ): Promise<void> {
    await db.query(
      `INSERT INTO analytics_snapshot (workspace_id, kind, reference_at, computed_at, settings, result)
       VALUES ($1, $2, $3, now(), $4, $5)
       ON CONFLICT (workspace_id, kind) DO UPDATE SET
         reference_at = EXCLUDED.reference_at, computed_at = EXCLUDED.computed_at, settings = EXCLUDED.settings, result = EXCLUDED.result`,
      [workspaceId, kind, referenceAt, JSON.stringify(settings), JSON.stringify(result)],
    );
  }

  async find<T>(workspaceId: number, kind: AnalysisKind): Promise<AnalysisSnapshot<T> | undefined> {
    const { rows } = await this.pool.query<{ reference_at: Date; computed_at: Date; settings: unknown; result: T }>(
      'SELECT reference_at, computed_at, settings, result FROM analytics_snapshot WHERE workspace_id = $1 AND kind = $2',
      [workspaceId, kind],
    );
    const row = rows[0];
    return row
      ? { kind, referenceAt: row.reference_at, computedAt: row.computed_at, settings: row.settings, result: row.result }
      : undefined;
  }
}
