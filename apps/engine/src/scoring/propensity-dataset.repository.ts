import type { MessageChannel } from '@kizuna/channels';
import type { Pool } from '@kizuna/db';
import type { PropensityDataset } from '@kizuna/scoring';
import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '../infrastructure/database/database.tokens';
import { withTransaction } from '../infrastructure/database/transaction';
import { copyNumericRows } from './sql/copy-numeric-rows';
import { PROPENSITY_FEATURES, PROPENSITY_SCORING_SQL, PROPENSITY_TRAINING_SQL } from './sql/propensity-features.sql';
import { ANSWER_KINDS } from './scoring-settings';

export interface PropensityWindow {
  /** Sends answered within this many days count as answered. */
  labelWindowDays: number;
  /** Sends older than this (plus the label window) are not read. */
  lookbackDays: number;
}

/** Every active customer's features now, to score with a fitted model. */
export interface PropensityScoringRows {
  customerIds: Int32Array;
  features: Float64Array;
}

/** Reads the sends, answers and customer figures propensity models learn from, as typed arrays. */
@Injectable()
export class PropensityDatasetRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async training(
    workspaceId: number,
    channel: MessageChannel,
    at: Date,
    window: PropensityWindow,
  ): Promise<PropensityDataset> {
    const p = PROPENSITY_FEATURES.length;
    const rows = await withTransaction(this.pool, (tx) =>
      copyNumericRows(
        tx,
        PROPENSITY_TRAINING_SQL,
        [workspaceId, ANSWER_KINDS, at, channel, window.labelWindowDays, window.lookbackDays],
        p + 2,
      ),
    );
    const customerIds = new Int32Array(rows.count);
    const responded = new Uint8Array(rows.count);
    const features = new Float64Array(rows.count * p);
    for (let i = 0; i < rows.count; i++) {
      const offset = i * (p + 2);
      customerIds[i] = rows.values[offset]!;
      responded[i] = rows.values[offset + 1]!;
      features.set(rows.values.subarray(offset + 2, offset + 2 + p), i * p);
    }
    return { featureNames: PROPENSITY_FEATURES, features, responded, customerIds };
  }

  /** The channels the workspace has sent on (their propensity can be learnt). */
  async channelsSentOn(workspaceId: number): Promise<string[]> {
    const { rows } = await this.pool.query<{ channel: string }>(
      `SELECT DISTINCT channel FROM message WHERE workspace_id = $1 AND status IN ('sent', 'delivered') ORDER BY channel`,
      [workspaceId],
    );
    return rows.map((row) => row.channel);
  }

  async scoring(workspaceId: number, at: Date): Promise<PropensityScoringRows> {
    const p = PROPENSITY_FEATURES.length;
    const rows = await withTransaction(this.pool, (tx) =>
      copyNumericRows(tx, PROPENSITY_SCORING_SQL, [workspaceId, ANSWER_KINDS, at], p + 1),
    );
    const customerIds = new Int32Array(rows.count);
    const features = new Float64Array(rows.count * p);
    for (let i = 0; i < rows.count; i++) {
      const offset = i * (p + 1);
      customerIds[i] = rows.values[offset]!;
      features.set(rows.values.subarray(offset + 1, offset + 1 + p), i * p);
    }
    return { customerIds, features };
  }
}
