import type { Pool } from '@kizuna/db';
import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '../infrastructure/database/database.tokens';
import type { Queryable } from '../infrastructure/database/transaction';

export interface ScoreFitRecord {
  id: number;
  model: string;
  version: number;
  fittedAt: Date;
  parameters: Record<string, unknown>;
  metrics: Record<string, unknown>;
  rows: number;
  scored: number;
  tookMs: number;
}

const COLUMNS = `id, model, version, fitted_at AS "fittedAt", parameters, metrics, rows, scored, took_ms AS "tookMs"`;

/** score_model_fit: every fit of every model, kept for comparison. */
@Injectable()
export class ScoreFitRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /** Serialises fits of one model of a workspace until the transaction ends (versions stay dense). */
  async lock(tx: Queryable, workspaceId: number, model: string): Promise<void> {
    await tx.query("SELECT pg_advisory_xact_lock(hashtext('kizuna:score-fit:' || $2), $1)", [workspaceId, model]);
  }

  async insert(
    tx: Queryable,
    workspaceId: number,
    fit: Omit<ScoreFitRecord, 'id' | 'version'>,
  ): Promise<ScoreFitRecord> {
    const { rows } = await tx.query<ScoreFitRecord>(
      `INSERT INTO score_model_fit (workspace_id, model, version, fitted_at, parameters, metrics, rows, scored, took_ms)
       SELECT $1, $2, COALESCE(max(version), 0) + 1, $3, $4, $5, $6, $7, $8
         FROM score_model_fit WHERE workspace_id = $1 AND model = $2
       RETURNING ${COLUMNS}`,
      [
        workspaceId,
        fit.model,
        fit.fittedAt,
        JSON.stringify(fit.parameters),
        JSON.stringify(fit.metrics),
        fit.rows,
        fit.scored,
        fit.tookMs,
      ],
    );
    return rows[0]!;
  }

  /** Newest first; one model's or every model's. */
  async list(workspaceId: number, options: { model?: string; limit: number }): Promise<ScoreFitRecord[]> {
    const { rows } = await this.pool.query<ScoreFitRecord>(
      `SELECT ${COLUMNS} FROM score_model_fit
        WHERE workspace_id = $1 AND ($2::text IS NULL OR model = $2)
        ORDER BY fitted_at DESC, id DESC LIMIT $3`,
      [workspaceId, options.model ?? null, options.limit],
    );
    return rows;
  }

  async latest(workspaceId: number, model: string): Promise<ScoreFitRecord | undefined> {
    return (await this.list(workspaceId, { model, limit: 1 }))[0];
  }
}
