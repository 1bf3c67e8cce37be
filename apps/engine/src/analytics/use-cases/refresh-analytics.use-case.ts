import type { Pool } from '@kizuna/db';
import { rfCells } from '@kizuna/segments';
import type { Clock } from '@kizuna/shared';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK } from '../../infrastructure/clock.provider';
import { DataChangeNotifier } from '../../infrastructure/data-changes/data-change.notifier';
import { PG_POOL } from '../../infrastructure/database/database.tokens';
import { WorkspaceService } from '../../workspaces/workspace.service';
import { AnalyticsSettingsService } from '../analytics-settings.service';
import { AnalyticsSnapshotRepository } from '../analytics-snapshot.repository';
import { abcResult } from '../results/abc.result';
import { rankDownResult } from '../results/rank-down.result';
import { stableSegmentsResult } from '../results/stable-segments.result';
import { createCategorySegments } from '../sql/category-segments.sql';
import { createRfStages, writeCustomerMetrics } from '../sql/customer-metrics.sql';
import { createPreferences } from '../sql/preferences.sql';
import { scoreSql } from '../sql/scores.sql';
import { createOrderFacts } from '../sql/order-facts.sql';
import { createRankDown } from '../sql/rank-down.sql';
import { createOrderEvents, createPreviousSegments, createStableSegments } from '../sql/stable-segments.sql';
import { timed, vacuumOrders, withAnalysisContext } from './analysis-transaction';
import { computeCoreAnalyses } from './compute-core-analyses';

export interface AnalyticsRefresh {
  referenceAt: Date;
  customers: number;
  /** Milliseconds per step. */
  timings: Record<string, number>;
}

/**
 * Recomputes every analysis of a workspace as of a reference date (default: now): the results the
 * API shows (snapshots) and the per-customer figures segments read (customer_metrics,
 * customer_preference), in one transaction, so readers see the old figures or the new, never a mix.
 */
@Injectable()
export class RefreshAnalyticsUseCase {
  private readonly logger = new Logger(RefreshAnalyticsUseCase.name);

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly settingsService: AnalyticsSettingsService,
    private readonly snapshots: AnalyticsSnapshotRepository,
    private readonly workspaces: WorkspaceService,
    private readonly changes: DataChangeNotifier,
  ) {}

  async execute(workspaceId: number, options: { referenceAt?: Date } = {}): Promise<AnalyticsRefresh> {
    const [settings, workspace] = await Promise.all([
      this.settingsService.get(workspaceId),
      this.workspaces.get(workspaceId),
    ]);
    const referenceAt = options.referenceAt ?? this.clock.now();
    const timings: Record<string, number> = {};
    const started = performance.now();
    await timed(timings, 'vacuum', () => vacuumOrders(this.pool));
    const customers = await withAnalysisContext(
      this.pool,
      { workspaceId, referenceAt, timeZone: workspace.timezone, settings },
      async (context) => {
        const core = await computeCoreAnalyses(context, timings);
        await timed(timings, 'stableSegments', async () => {
          await createPreviousSegments(context);
          await createOrderFacts(context);
          await createOrderEvents(context);
          await createStableSegments(context, 'af_stable', referenceAt, { table: 'af_previous_stable' });
          await createRankDown(context);
          await createCategorySegments(context, 'af_category_segments', referenceAt, 'af_previous_category');
        });
        const [stable, rankDown] = [await stableSegmentsResult(context), await rankDownResult(context)];
        const abc = await timed(timings, 'abc', () => abcResult(context));
        await timed(timings, 'preferences', () => createPreferences(context));
        await createRfStages(context, rfCells(settings.rfMatrix));
        const written = await timed(timings, 'customerMetrics', () =>
          writeCustomerMetrics(context, scoreSql(core.cuts, settings)),
        );
        const save = (kind: Parameters<AnalyticsSnapshotRepository['save']>[2], result: unknown) =>
          this.snapshots.save(context.tx, workspaceId, kind, referenceAt, settings, result);
        await save('rfm', core.rfm);
        await save('rf_matrix', core.rfMatrix);
        await save('deciles', core.deciles);
        await save('abc', abc);
        await save('stable_segments', stable);
        await save('rank_down', rankDown);
        return written;
      },
    );
    timings.total = Math.round(performance.now() - started);
    this.logger.log({ workspaceId, customers, timings }, 'analytics refreshed');
    await this.changes.notify({ kind: 'analytics', workspaceId });
    return { referenceAt, customers, timings };
  }
}
