import type { Pool, PoolClient } from '@kizuna/db';
import { Inject, Injectable } from '@nestjs/common';
import { copyText, encodeCopyValue } from '../infrastructure/database/copy-rows';
import { PG_POOL } from '../infrastructure/database/database.tokens';

export interface CustomerScoreRow {
  model: string;
  value: number;
  modelVersion: string;
  computedAt: Date;
}

/** customer_score: the latest score of each model per customer, which segments and journeys read. */
@Injectable()
export class CustomerScoreRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /**
   * Replaces a workspace's scores of the given names with one fit's (in the caller's transaction,
   * so readers see the previous fit's scores or this one's, never a mix). Non-finite values (a
   * customer a model cannot score) are left out: a segment condition then does not match them.
   */
  async replace(
    tx: PoolClient,
    workspaceId: number,
    scores: { customerIds: Int32Array; values: Record<string, Float64Array> },
    modelVersion: string,
    computedAt: Date,
  ): Promise<number> {
    const names = Object.keys(scores.values);
    await tx.query('DELETE FROM customer_score WHERE workspace_id = $1 AND model = ANY($2::text[])', [
      workspaceId,
      names,
    ]);
    const fixed = `\t${encodeCopyValue(modelVersion)}\t${encodeCopyValue(computedAt)}\n`;
    let written = 0;
    for (const name of names) {
      const values = scores.values[name]!;
      const prefix = `${workspaceId}\t`;
      const model = `\t${encodeCopyValue(name)}\t`;
      const rows: number[] = [];
      for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) rows.push(i);
      await copyText(
        tx,
        'customer_score',
        ['workspace_id', 'customer_id', 'model', 'value', 'model_version', 'computed_at'],
        rows.length,
        (k) => `${prefix}${scores.customerIds[rows[k]!]!}${model}${values[rows[k]!]!}${fixed}`,
      );
      written += rows.length;
    }
    return written;
  }

  async customerExists(workspaceId: number, customerId: number): Promise<boolean> {
    const { rowCount } = await this.pool.query('SELECT 1 FROM customer WHERE workspace_id = $1 AND id = $2', [
      workspaceId,
      customerId,
    ]);
    return Boolean(rowCount);
  }

  async forCustomer(workspaceId: number, customerId: number): Promise<CustomerScoreRow[]> {
    const { rows } = await this.pool.query<CustomerScoreRow>(
      `SELECT model, value, model_version AS "modelVersion", computed_at AS "computedAt"
         FROM customer_score WHERE workspace_id = $1 AND customer_id = $2 ORDER BY model`,
      [workspaceId, customerId],
    );
    return rows;
  }
}
