import type { Pool } from '@kizuna/db';
import { selectTargets, type TargetGroup, type TargetSelection } from '@kizuna/segments';
import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { PG_POOL } from '../../infrastructure/database/database.tokens';

export const TargetSelectionRequestSchema = z
  .object({
    /** What customers are grouped by; each group gets one expected response. */
    basis: z.enum(['rf_stage', 'stable_segment', 'rfm_rank', 'decile', 'score']),
    /** For basis "score": the model whose value is the response probability (customers in 20 bands). */
    model: z.string().min(1).max(100).optional(),
    /** Expected conversion uplift of a contact per group key (e.g. {"new_active": 0.08}). */
    responseRates: z.record(z.string(), z.number().min(0).max(1)).default({}),
    defaultResponseRate: z.number().min(0).max(1).default(0),
    costPerContact: z.number().min(0).max(100_000),
    marginRate: z.number().gt(0).max(1),
  })
  .strict()
  .refine((request) => request.basis !== 'score' || request.model, {
    message: 'basis "score" needs a model',
    path: ['model'],
  });

export type TargetSelectionRequest = z.infer<typeof TargetSelectionRequestSchema>;

const GROUP_COLUMN: Record<Exclude<TargetSelectionRequest['basis'], 'score'>, string> = {
  rf_stage: 'rf_stage',
  stable_segment: 'stable_segment',
  rfm_rank: 'rfm_rank',
  decile: 'decile::text',
};

/**
 * Target selection up to break-even: groups of customers from the latest analytics refresh, each
 * with its average order value from the data and its expected response (given, or the model's
 * score), ranked by expected profit per contact.
 */
@Injectable()
export class SelectTargetsUseCase {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async execute(workspaceId: number, request: TargetSelectionRequest): Promise<TargetSelection & { basis: string }> {
    const groups =
      request.basis === 'score'
        ? await this.scoreBands(workspaceId, request.model!)
        : await this.groups(workspaceId, request);
    return {
      basis: request.basis,
      ...selectTargets({ groups, costPerContact: request.costPerContact, marginRate: request.marginRate }),
    };
  }

  private async groups(workspaceId: number, request: TargetSelectionRequest): Promise<TargetGroup[]> {
    const column = GROUP_COLUMN[request.basis as Exclude<TargetSelectionRequest['basis'], 'score'>];
    const { rows } = await this.pool.query<{ key: string | null; customers: number; aov: number | null }>(
      `SELECT ${column} AS key, count(*)::int AS customers,
              sum(revenue)::float8 / NULLIF(sum(purchase_count + trial_orders), 0) AS aov
         FROM customer_metrics WHERE workspace_id = $1 GROUP BY 1`,
      [workspaceId],
    );
    return rows
      .filter((row) => row.key !== null)
      .map((row) => ({
        key: row.key!,
        customers: row.customers,
        responseRate: request.responseRates[row.key!] ?? request.defaultResponseRate,
        averageOrderValue: Math.round(row.aov ?? 0),
      }));
  }

  /** Twenty bands of customers by score; a band's expected response is its mean score. */
  private async scoreBands(workspaceId: number, model: string): Promise<TargetGroup[]> {
    const { rows } = await this.pool.query<{ band: number; customers: number; response: number; aov: number | null }>(
      `SELECT band, count(*)::int AS customers, avg(value)::float8 AS response,
              sum(revenue)::float8 / NULLIF(sum(purchase_count + trial_orders), 0) AS aov
         FROM (SELECT s.value, m.revenue, m.purchase_count, m.trial_orders, ntile(20) OVER (ORDER BY s.value DESC) AS band
                 FROM customer_score s JOIN customer_metrics m ON m.workspace_id = s.workspace_id AND m.customer_id = s.customer_id
                WHERE s.workspace_id = $1 AND s.model = $2) banded
        GROUP BY band ORDER BY band`,
      [workspaceId, model],
    );
    return rows.map((row) => ({
      key: `${model} band ${row.band}`,
      customers: row.customers,
      responseRate: Math.min(Math.max(row.response, 0), 1),
      averageOrderValue: Math.round(row.aov ?? 0),
    }));
  }
}
