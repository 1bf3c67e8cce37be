import type { Pool } from '@kizuna/db';
import type { JourneyGraph } from '@kizuna/journey';
import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '../infrastructure/database/database.tokens';
import type { Queryable } from '../infrastructure/database/transaction';

export type JourneyStatus = 'draft' | 'active' | 'paused' | 'archived';

export interface JourneyRecord {
  id: number;
  workspaceId: number;
  name: string;
  description: string;
  status: JourneyStatus;
  /** The graph being edited: any JSON the editor saved, validated only when published. */
  draft: unknown;
  draftUpdatedAt: Date;
  currentVersionId: number | null;
  currentVersion: number | null;
  createdAt: Date;
  updatedAt: Date;
  archivedAt: Date | null;
}

export interface JourneyVersionRecord {
  id: number;
  workspaceId: number;
  journeyId: number;
  version: number;
  graph: JourneyGraph;
  changeSummary: string[];
  publishedAt: Date;
}

const JOURNEY_COLUMNS = `j.id, j.workspace_id AS "workspaceId", j.name, j.description, j.status, j.draft,
  j.draft_updated_at AS "draftUpdatedAt", j.current_version_id AS "currentVersionId",
  (SELECT v.version FROM journey_version v WHERE v.id = j.current_version_id) AS "currentVersion",
  j.created_at AS "createdAt", j.updated_at AS "updatedAt", j.archived_at AS "archivedAt"`;
const VERSION_COLUMNS = `id, workspace_id AS "workspaceId", journey_id AS "journeyId", version, graph,
  change_summary AS "changeSummary", published_at AS "publishedAt"`;

/** Journeys, their drafts and immutable versions. */
@Injectable()
export class JourneyRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async list(workspaceId: number, options: { includeArchived?: boolean } = {}): Promise<JourneyRecord[]> {
    const { rows } = await this.pool.query<JourneyRecord>(
      `SELECT ${JOURNEY_COLUMNS} FROM journey j WHERE j.workspace_id = $1
       ${options.includeArchived ? '' : `AND j.status <> 'archived'`} ORDER BY j.id`,
      [workspaceId],
    );
    return rows;
  }

  async find(
    workspaceId: number,
    id: number,
    db: Queryable = this.pool,
    lock = false,
  ): Promise<JourneyRecord | undefined> {
    const { rows } = await db.query<JourneyRecord>(
      `SELECT ${JOURNEY_COLUMNS} FROM journey j WHERE j.workspace_id = $1 AND j.id = $2 ${lock ? 'FOR UPDATE' : ''}`,
      [workspaceId, id],
    );
    return rows[0];
  }

  async findByName(workspaceId: number, name: string): Promise<JourneyRecord | undefined> {
    const { rows } = await this.pool.query<JourneyRecord>(
      `SELECT ${JOURNEY_COLUMNS} FROM journey j WHERE j.workspace_id = $1 AND j.name = $2`,
      [workspaceId, name],
    );
    return rows[0];
  }

  /** Inserts, or returns undefined when the name is taken. */
  async insert(
    workspaceId: number,
    journey: { name: string; description: string; draft: unknown },
  ): Promise<JourneyRecord | undefined> {
    const { rows } = await this.pool.query<{ id: number }>(
      `INSERT INTO journey (workspace_id, name, description, draft) VALUES ($1, $2, $3, $4)
       ON CONFLICT (workspace_id, name) DO NOTHING RETURNING id`,
      [workspaceId, journey.name, journey.description, JSON.stringify(journey.draft)],
    );
    return rows[0] ? this.find(workspaceId, rows[0].id) : undefined;
  }

  /** Saves the draft and/or renames; false when the new name is taken. */
  async updateDraft(
    workspaceId: number,
    id: number,
    change: { name?: string; description?: string; draft?: unknown },
  ): Promise<boolean> {
    try {
      await this.pool.query(
        `UPDATE journey SET name = COALESCE($3, name), description = COALESCE($4, description),
           draft = COALESCE($5::jsonb, draft),
           draft_updated_at = CASE WHEN $5::jsonb IS NULL THEN draft_updated_at ELSE now() END, updated_at = now()
         WHERE workspace_id = $1 AND id = $2`,
        [
          workspaceId,
          id,
          change.name ?? null,
          change.description ?? null,
          change.draft === undefined ? null : JSON.stringify(change.draft),
        ],
      );
      return true;
    } catch (error) {
      if ((error as { code?: string }).code === '23505') return false;
      throw error;
    }
  }

  async setStatus(db: Queryable, workspaceId: number, id: number, status: JourneyStatus): Promise<void> {
    await db.query(
      `UPDATE journey SET status = $3, updated_at = now(),
         archived_at = CASE WHEN $3 = 'archived' THEN now() ELSE NULL END
       WHERE workspace_id = $1 AND id = $2`,
      [workspaceId, id, status],
    );
  }

  async insertVersion(
    db: Queryable,
    workspaceId: number,
    journeyId: number,
    graph: JourneyGraph,
    changeSummary: string[],
    publishedAt: Date,
  ): Promise<JourneyVersionRecord> {
    const { rows } = await db.query<JourneyVersionRecord>(
      `INSERT INTO journey_version (workspace_id, journey_id, version, graph, change_summary, published_at)
       VALUES ($1, $2, (SELECT COALESCE(max(version), 0) + 1 FROM journey_version WHERE journey_id = $2), $3, $4, $5)
       RETURNING ${VERSION_COLUMNS}`,
      [workspaceId, journeyId, JSON.stringify(graph), JSON.stringify(changeSummary), publishedAt],
    );
    await db.query(`UPDATE journey SET current_version_id = $2, updated_at = now() WHERE id = $1`, [
      journeyId,
      rows[0]!.id,
    ]);
    return rows[0]!;
  }

  async versions(workspaceId: number, journeyId: number): Promise<JourneyVersionRecord[]> {
    const { rows } = await this.pool.query<JourneyVersionRecord>(
      `SELECT ${VERSION_COLUMNS} FROM journey_version WHERE workspace_id = $1 AND journey_id = $2 ORDER BY version`,
      [workspaceId, journeyId],
    );
    return rows;
  }

  async findVersion(
    workspaceId: number,
    journeyId: number,
    version: number,
  ): Promise<JourneyVersionRecord | undefined> {
    const { rows } = await this.pool.query<JourneyVersionRecord>(
      `SELECT ${VERSION_COLUMNS} FROM journey_version WHERE workspace_id = $1 AND journey_id = $2 AND version = $3`,
      [workspaceId, journeyId, version],
    );
    return rows[0];
  }

  /** Versions by id, whatever the workspace: the step processor's lookup (cached; versions never change). */
  async versionsById(ids: readonly number[]): Promise<JourneyVersionRecord[]> {
    const { rows } = await this.pool.query<JourneyVersionRecord>(
      `SELECT ${VERSION_COLUMNS} FROM journey_version WHERE id = ANY($1::integer[])`,
      [ids],
    );
    return rows;
  }
}
