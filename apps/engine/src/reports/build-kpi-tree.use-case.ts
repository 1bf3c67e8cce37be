import { kpiTree, type KpiPeriod, type KpiTree } from '@kizuna/analytics';
import type { Clock } from '@kizuna/shared';
import { NotFoundError } from '@kizuna/shared';
import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { CLOCK } from '../infrastructure/clock.provider';
import { WorkspaceRepository } from '../workspaces/workspace.repository';
import { KpiTreeRepository } from './kpi-tree.repository';
import { PeriodQuerySchema, resolvePeriod, type ReportPeriod } from './report-period';

export const KpiTreeQuerySchema = PeriodQuerySchema.extend({
  compareFrom: PeriodQuerySchema.shape.from.describe('first day of the comparison period; default: the period before'),
  compareTo: PeriodQuerySchema.shape.to.describe('end of the comparison period (exclusive)'),
}).strict();
export type KpiTreeQuery = z.infer<typeof KpiTreeQuerySchema>;

export interface KpiTreeReport extends KpiTree {
  period: { from: string; to: string };
  comparedWith: { from: string; to: string };
  timeZone: string;
}

const EMPTY: KpiPeriod = { activeCustomers: 0, orders: 0, sales: 0 };

/**
 * Sales = active customers × purchase frequency × average order value, this period against the
 * comparison period (default: the same length just before), in total and per segment, channel and
 * series, each change decomposed into the three factors (LMDI, libs/analytics).
 */
@Injectable()
export class BuildKpiTreeUseCase {
  constructor(
    private readonly repository: KpiTreeRepository,
    private readonly workspaces: WorkspaceRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(workspaceId: number, query: KpiTreeQuery = {}): Promise<KpiTreeReport> {
    const workspace = await this.workspaces.findById(workspaceId);
    if (!workspace) throw new NotFoundError('workspace', workspaceId);
    const now = this.clock.now();
    const current = resolvePeriod({ from: query.from, to: query.to }, now, workspace.timezone);
    const length = current.to.getTime() - current.from.getTime();
    const previous: ReportPeriod =
      query.compareFrom || query.compareTo
        ? resolvePeriod({ from: query.compareFrom, to: query.compareTo }, now, workspace.timezone, 'compareFrom')
        : { from: new Date(current.from.getTime() - length), to: current.from };
    const rows = await this.repository.periods(workspaceId, current, previous);
    const pick = (period: 'current' | 'previous', dimension: string, key: string): KpiPeriod => {
      const row = rows.find((r) => r.period === period && r.dimension === dimension && r.key === key);
      return row ? { activeCustomers: row.activeCustomers, orders: row.orders, sales: row.sales } : EMPTY;
    };
    const splitKeys = [
      ...new Map(rows.filter((r) => r.dimension !== 'total').map((r) => [`${r.dimension}\u0000${r.key}`, r])).values(),
    ].sort((a, b) => a.dimension.localeCompare(b.dimension) || a.key.localeCompare(b.key));
    const tree = kpiTree(
      { current: pick('current', 'total', 'all'), previous: pick('previous', 'total', 'all') },
      splitKeys.map(({ dimension, key }) => ({
        dimension,
        key,
        current: pick('current', dimension, key),
        previous: pick('previous', dimension, key),
      })),
    );
    return {
      ...tree,
      period: { from: current.from.toISOString(), to: current.to.toISOString() },
      comparedWith: { from: previous.from.toISOString(), to: previous.to.toISOString() },
      timeZone: workspace.timezone,
    };
  }
}
