import type { Pool } from '@kizuna/db';
import { assertValidSegmentRule, segmentPreviewQuery } from '@kizuna/segments';
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
 * rule builder calls this as the marketer edits. Count and sample are one statement (one
 * evaluation of the rule, which PostgreSQL's parallel workers share, and one snapshot) in a
 * read-only transaction with a time limit; the workspace's customer count runs beside it.
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
    const query = segmentPreviewQuery(rule, {
      workspaceId,
      referenceTime,
      timeZone: timezone,
      sampleSize: input.sampleSize,
    });
    const [matched, customers] = await Promise.all([
      withTransaction(this.pool, async (tx) => {
        await tx.query(`SET TRANSACTION READ ONLY`);
        await tx.query(`SET LOCAL statement_timeout = '${PREVIEW_TIMEOUT}'`);
        await configureRuleEvaluation(tx);
        const { rows } = await tx.query<{ count: number; sample: number[] }>(query.text, query.values);
        return rows[0]!;
      }),
      this.pool.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM customer WHERE workspace_id = $1 AND status = 'active'",
        [workspaceId],
      ),
    ]);
    return {
      count: matched.count,
      customers: customers.rows[0]!.n,
      sample: await this.members.summaries(workspaceId, matched.sample),
      referenceTime,
      tookMs: Math.round(performance.now() - started),
    };
  }
}
