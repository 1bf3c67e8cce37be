import type { Pool, PoolClient } from '@kizuna/db';
import { segmentMembersQuery } from '@kizuna/segments';
import { NotFoundError, type Clock } from '@kizuna/shared';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK } from '../../infrastructure/clock.provider';
import { DataChangeNotifier } from '../../infrastructure/data-changes/data-change.notifier';
import { PG_POOL } from '../../infrastructure/database/database.tokens';
import { withTransaction } from '../../infrastructure/database/transaction';
import { WorkspaceService } from '../../workspaces/workspace.service';
import { configureRuleEvaluation } from '../rule-evaluation';
import { SegmentRepository, type SegmentRecord } from '../segment.repository';

export interface SegmentRefresh {
  segmentId: number;
  /** full: every customer of the workspace was evaluated; customers: only the given ones. */
  scope: 'full' | 'customers';
  evaluated: number | null;
  entered: number;
  exited: number;
  members: number;
  tookMs: number;
}

/** Above this many changed customers, dependent segments refresh in full rather than per customer. */
const MAX_CHANGED_IDS = 10_000;

interface ChangeCount {
  n: number;
  ids: number[] | null;
}

/**
 * Evaluates a segment's rule and writes the difference to its materialised membership: customers
 * who now match enter (a new stay, entered_at), those who no longer match exit (exited_at), and
 * each entry and exit is logged in segment_change, which drives journey triggers. Set-based: the
 * matches go to a temporary table, then one statement each writes the exits and the entries.
 * One refresh of a segment at a time (an advisory lock); the evaluation, the writes and the new
 * member count commit together.
 */
@Injectable()
export class RefreshSegmentUseCase {
  private readonly logger = new Logger(RefreshSegmentUseCase.name);

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly segments: SegmentRepository,
    private readonly workspaces: WorkspaceService,
    private readonly changes: DataChangeNotifier,
  ) {}

  async execute(
    workspaceId: number,
    segmentId: number,
    options: { customerIds?: readonly number[] } = {},
  ): Promise<SegmentRefresh> {
    const started = performance.now();
    const workspace = await this.workspaces.get(workspaceId);
    const at = this.clock.now();
    const customerIds = options.customerIds ? [...new Set(options.customerIds)] : undefined;
    let changed: { entered: ChangeCount; exited: ChangeCount };
    let refresh: SegmentRefresh;
    try {
      [refresh, changed] = await withTransaction(this.pool, async (tx) => {
        await tx.query("SELECT pg_advisory_xact_lock(hashtext('kizuna:segment'), $1)", [segmentId]);
        await configureRuleEvaluation(tx);
        const segment = await this.segments.find(workspaceId, segmentId, tx);
        if (!segment) throw new NotFoundError('segment', segmentId);
        if (segment.archivedAt)
          return [
            this.unchanged(segment, customerIds, started),
            { entered: { n: 0, ids: [] }, exited: { n: 0, ids: [] } },
          ];
        const evaluated = await this.evaluate(tx, segment, workspace.timezone, at, customerIds);
        const exited = await this.writeExits(tx, segment, at, customerIds);
        const entered = await this.writeEntries(tx, segment, at);
        const members = customerIds
          ? segment.memberCount + entered.n - exited.n
          : (await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM seg_matches')).rows[0]!.n;
        const tookMs = Math.round(performance.now() - started);
        await this.segments.recordRefresh(tx, segment.id, { full: !customerIds, memberCount: members, tookMs, at });
        return [
          {
            segmentId,
            scope: customerIds ? 'customers' : 'full',
            evaluated,
            entered: entered.n,
            exited: exited.n,
            members,
            tookMs,
          },
          { entered, exited },
        ] as const;
      });
    } catch (error) {
      if (!(error instanceof NotFoundError)) {
        await this.segments.recordFailure(segmentId, (error as Error).message).catch(() => undefined);
      }
      throw error;
    }
    if (changed.entered.n + changed.exited.n > 0) {
      const ids =
        changed.entered.ids && changed.exited.ids ? [...changed.entered.ids, ...changed.exited.ids] : ('all' as const);
      await this.changes.notify({ kind: 'segment', workspaceId, segmentId, customerIds: ids });
    }
    this.logger.log({ workspaceId, ...refresh }, 'segment refreshed');
    return refresh;
  }

  private unchanged(
    segment: SegmentRecord,
    customerIds: readonly number[] | undefined,
    started: number,
  ): SegmentRefresh {
    return {
      segmentId: segment.id,
      scope: customerIds ? 'customers' : 'full',
      evaluated: 0,
      entered: 0,
      exited: 0,
      members: segment.memberCount,
      tookMs: Math.round(performance.now() - started),
    };
  }

  /** seg_matches(id): the customers (of those evaluated) who match the rule now. */
  private async evaluate(
    tx: PoolClient,
    segment: SegmentRecord,
    timeZone: string,
    at: Date,
    customerIds: readonly number[] | undefined,
  ): Promise<number | null> {
    const query = segmentMembersQuery(segment.definition, {
      workspaceId: segment.workspaceId,
      referenceTime: at,
      timeZone,
      ...(customerIds ? { customerIds } : {}),
    });
    await tx.query(`CREATE TEMP TABLE seg_matches ON COMMIT DROP AS ${query.text}`, query.values);
    await tx.query('ALTER TABLE seg_matches ADD PRIMARY KEY (id)');
    if (!customerIds) await tx.query('ANALYZE seg_matches');
    return customerIds ? customerIds.length : null;
  }

  /** Current members (of those evaluated) who no longer match: their stay ends now. */
  private async writeExits(
    tx: PoolClient,
    segment: SegmentRecord,
    at: Date,
    customerIds: readonly number[] | undefined,
  ): Promise<ChangeCount> {
    const scope = customerIds ? 'AND m.customer_id = ANY($4::int[])' : '';
    const { rows } = await tx.query<ChangeCount>(
      `WITH exited AS (
         UPDATE segment_membership m SET exited_at = $3
          WHERE m.workspace_id = $1 AND m.segment_id = $2 AND m.exited_at IS NULL ${scope}
            AND NOT EXISTS (SELECT 1 FROM seg_matches x WHERE x.id = m.customer_id)
          RETURNING m.customer_id
       ), logged AS (
         INSERT INTO segment_change (workspace_id, segment_id, customer_id, change, at)
         SELECT $1, $2, customer_id, 'exited', $3 FROM exited
         RETURNING customer_id
       )
       SELECT count(*)::int AS n, CASE WHEN count(*) <= ${MAX_CHANGED_IDS} THEN COALESCE(array_agg(customer_id), '{}') END AS ids FROM logged`,
      [segment.workspaceId, segment.id, at, ...(customerIds ? [customerIds] : [])],
    );
    return rows[0]!;
  }

  /** Matches without a current stay: a stay begins now. */
  private async writeEntries(tx: PoolClient, segment: SegmentRecord, at: Date): Promise<ChangeCount> {
    const { rows } = await tx.query<ChangeCount>(
      `WITH entered AS (
         INSERT INTO segment_membership (workspace_id, segment_id, customer_id, entered_at)
         SELECT $1, $2, x.id, $3 FROM seg_matches x
          WHERE NOT EXISTS (SELECT 1 FROM segment_membership m
                             WHERE m.segment_id = $2 AND m.customer_id = x.id AND m.exited_at IS NULL)
         RETURNING customer_id
       ), logged AS (
         INSERT INTO segment_change (workspace_id, segment_id, customer_id, change, at)
         SELECT $1, $2, customer_id, 'entered', $3 FROM entered
         RETURNING customer_id
       )
       SELECT count(*)::int AS n, CASE WHEN count(*) <= ${MAX_CHANGED_IDS} THEN COALESCE(array_agg(customer_id), '{}') END AS ids FROM logged`,
      [segment.workspaceId, segment.id, at],
    );
    return rows[0]!;
  }
}
