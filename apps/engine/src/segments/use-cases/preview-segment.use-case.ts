import type { Pool } from '@kizuna/db';
import { assertValidSegmentRule, segmentCountQuery, segmentMembersQuery } from '@kizuna/segments';
import type { Clock } from '@kizuna/shared';
import { Inject, Injectable } from '@nestjs/common';
import { CLOCK } from '../../infrastructure/clock.provider';
import { PG_POOL } from '../../infrastructure/database/database.tokens';
import { withTransaction } from '../../infrastructure/database/transaction';
import { WorkspaceService } from '../../workspaces/workspace.service';
import { configureRuleEvaluation } from '../rule-evaluation';
import { SegmentMembersRepository, type MemberSummary } from '../segment-members.repository';

export interface SegmentPreview {
  count: number;
  /** Customers in the workspace, for the share. */
  customers: number;
  sample: MemberSummary[];
  referenceTime: Date;
  tookMs: number;
}

/** A preview must answer while the marketer edits the rule; a runaway rule is stopped instead. */
const PREVIEW_TIMEOUT = '30s';

/**
 * How many customers a rule selects right now, and some of them, without saving anything: the
 * rule builder calls this as the marketer edits. Count and sample run side by side on two
 * connections, each in a read-only transaction with a time limit.
 */
@Injectable()
export class PreviewSegmentUseCase {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly workspaces: WorkspaceService,
    private readonly members: SegmentMembersRepository,
  ) {}

  async execute(
    workspaceId: number,
    input: { definition: unknown; sampleSize: number; referenceTime?: Date },
  ): Promise<SegmentPreview> {
    const started = performance.now();
    const rule = assertValidSegmentRule(input.definition);
    const { timezone } = await this.workspaces.get(workspaceId);
    const referenceTime = input.referenceTime ?? this.clock.now();
    const options = { workspaceId, referenceTime, timeZone: timezone };
    const readOnly = <T>(work: (query: (text: string, values: unknown[]) => Promise<T>) => Promise<T>) =>
      withTransaction(this.pool, async (tx) => {
        await tx.query(`SET TRANSACTION READ ONLY`);
        await tx.query(`SET LOCAL statement_timeout = '${PREVIEW_TIMEOUT}'`);
        await configureRuleEvaluation(tx);
        return work(async (text, values) => (await tx.query(text, values)).rows as T);
      });
    const count = segmentCountQuery(rule, options);
    const sample =
      input.sampleSize > 0 ? segmentMembersQuery(rule, { ...options, limit: input.sampleSize }) : undefined;
    const [counted, sampled, customers] = await Promise.all([
      readOnly<{ count: number }[]>((query) => query(count.text, count.values)),
      sample ? readOnly<{ id: number }[]>((query) => query(sample.text, sample.values)) : Promise.resolve([]),
      this.pool.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM customer WHERE workspace_id = $1 AND status = 'active'",
        [workspaceId],
      ),
    ]);
    return {
      count: counted[0]!.count,
      customers: customers.rows[0]!.n,
      sample: await this.members.summaries(
        workspaceId,
        sampled.map((row) => row.id),
      ),
      referenceTime,
      tookMs: Math.round(performance.now() - started),
    };
  }
}
