import type { Pool } from '@kizuna/db';
import { STABLE_SEGMENTS, type StableSegment } from '@kizuna/segments';
import type { Clock } from '@kizuna/shared';
import { Inject, Injectable } from '@nestjs/common';
import { CLOCK } from '../../infrastructure/clock.provider';
import { PG_POOL } from '../../infrastructure/database/database.tokens';
import { WorkspaceService } from '../../workspaces/workspace.service';
import { AnalyticsSettingsService } from '../analytics-settings.service';
import { AnalyticsSnapshotRepository } from '../analytics-snapshot.repository';
import { share } from '../results/share';
import type { AnalysisContext } from '../sql/analysis-context';
import { createCategorySegments } from '../sql/category-segments.sql';
import { createOrderFacts } from '../sql/order-facts.sql';
import { createRfmRanksAt } from '../sql/rfm-ranks-at.sql';
import { createOrderEvents, createStableSegments } from '../sql/stable-segments.sql';
import { withAnalysisContext } from './analysis-transaction';

/** The three dates after the start, as query parameters $1..$3 (a category as $4). */
type StabilityContext = AnalysisContext & { stabilityDates: (Date | string)[] };

export const STABILITY_HORIZONS = [1, 3, 6] as const;

type Horizons<T> = Record<`${(typeof STABILITY_HORIZONS)[number]}m`, T>;

export interface StabilityFigures {
  customers: number;
  /** Share of the customers whose class is unchanged after 1, 3 and 6 months. */
  unchanged: Horizons<number>;
  /**
   * The same among customers who bought nothing in between: their behaviour did not change, so
   * any change of class is the method's own movement (windows sliding, quantiles shifting).
   */
  withoutPurchases: { customers: Horizons<number>; unchanged: Horizons<number> };
}

export interface StabilityReport {
  /** The start of the measurement: six months before the reference date. */
  startAt: string;
  referenceAt: string;
  stableSegments: StabilityFigures;
  rfmRanks: StabilityFigures;
  /** Stable segment at the start -> six months later: customers per pair. */
  transitions: { from: StableSegment; to: StableSegment; customers: number }[];
  categories: { category: string; stableSegments: StabilityFigures }[];
}

function addMonths(date: Date, months: number): Date {
  const moved = new Date(date);
  moved.setUTCMonth(moved.getUTCMonth() + months);
  return moved;
}

/**
 * Measures on history how stable each classification is: classes are computed as of a start date
 * (six months before the reference) and 1, 3 and 6 months later, for the customers known at the
 * start; the share that kept its class is reported for the stable segments and for plain RFM
 * ranks side by side, and per product category.
 */
@Injectable()
export class StabilityReportUseCase {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly settingsService: AnalyticsSettingsService,
    private readonly snapshots: AnalyticsSnapshotRepository,
    private readonly workspaces: WorkspaceService,
  ) {}

  async execute(workspaceId: number, options: { referenceAt?: Date } = {}): Promise<StabilityReport> {
    const [settings, workspace] = await Promise.all([
      this.settingsService.get(workspaceId),
      this.workspaces.get(workspaceId),
    ]);
    const referenceAt = options.referenceAt ?? this.clock.now();
    const startAt = addMonths(referenceAt, -6);
    const dates = [startAt, ...STABILITY_HORIZONS.map((months) => addMonths(startAt, months))];
    // Segments carry their previous state (hysteresis): a month of warm-up gives the start one.
    const warmUp = addMonths(startAt, -1);
    const report = await withAnalysisContext(
      this.pool,
      { workspaceId, referenceAt, timeZone: workspace.timezone, settings },
      async (analysisContext) => {
        const context: StabilityContext = { ...analysisContext, stabilityDates: dates.slice(1) };
        await createOrderFacts(context);
        await createOrderEvents(context);
        await createStableSegments(context, 'af_stable_warm', warmUp);
        await createCategorySegments(context, 'af_category_warm', warmUp);
        for (const [index, date] of dates.entries()) {
          const previous = index === 0 ? 'warm' : String(index - 1);
          await createStableSegments(context, `af_stable_${index}`, date, { table: `af_stable_${previous}` });
          await createRfmRanksAt(context, `af_rank_${index}`, date);
          await createCategorySegments(context, `af_category_${index}`, date, `af_category_${previous}`);
        }
        await context.tx.query(
          `CREATE TEMP TABLE af_next_purchase ON COMMIT DROP AS
           SELECT customer_id, min(ordered_at) AS next_at FROM af_orders WHERE ordered_at >= $1 GROUP BY customer_id`,
          [startAt],
        );
        await context.tx.query('ALTER TABLE af_next_purchase ADD PRIMARY KEY (customer_id)');
        return {
          startAt: startAt.toISOString(),
          referenceAt: referenceAt.toISOString(),
          stableSegments: await unchangedShares(context, 'af_stable', 'stable_segment'),
          rfmRanks: await unchangedShares(context, 'af_rank', 'rank'),
          transitions: await transitions(context),
          categories: await categoryStability(context),
        };
      },
    );
    await this.snapshots.save(this.pool, workspaceId, 'stability', referenceAt, settings, report);
    return report;
  }
}

async function unchangedShares(
  context: StabilityContext,
  table: string,
  column: string,
  extraJoin = '',
): Promise<StabilityFigures> {
  const same = (index: number) => `t${index}.${column} = t0.${column}`;
  // Bought nothing between the start and this date (af_next_purchase: the first order at or after the start).
  const quiet = (index: number) => `(np.next_at IS NULL OR np.next_at >= $${index})`;
  const { rows } = await context.tx.query<Record<string, number>>(
    `SELECT count(*)::int AS customers,
            ${[1, 2, 3]
              .map(
                (
                  i,
                ) => `count(*) FILTER (WHERE ${same(i)})::int AS m${i}, count(*) FILTER (WHERE ${quiet(i)})::int AS q${i},
            count(*) FILTER (WHERE ${quiet(i)} AND ${same(i)})::int AS qs${i}`,
              )
              .join(',\n')}
       FROM ${table}_0 t0
       JOIN ${table}_1 t1 USING (customer_id${extraJoin}) JOIN ${table}_2 t2 USING (customer_id${extraJoin})
       JOIN ${table}_3 t3 USING (customer_id${extraJoin})
       LEFT JOIN af_next_purchase np ON np.customer_id = t0.customer_id
      ${extraJoin ? 'WHERE t0.category = $4' : ''}`,
    context.stabilityDates,
  );
  const row = rows[0]!;
  const horizons = <T>(value: (index: number) => T): Horizons<T> => ({
    '1m': value(1),
    '3m': value(2),
    '6m': value(3),
  });
  return {
    customers: row.customers!,
    unchanged: horizons((i) => share(row[`m${i}`]!, row.customers!)),
    withoutPurchases: {
      customers: horizons((i) => row[`q${i}`]!),
      unchanged: horizons((i) => share(row[`qs${i}`]!, row[`q${i}`]!)),
    },
  };
}

async function transitions(context: AnalysisContext): Promise<StabilityReport['transitions']> {
  const { rows } = await context.tx.query<{ from: StableSegment; to: StableSegment; customers: number }>(
    `SELECT t0.stable_segment AS "from", t3.stable_segment AS "to", count(*)::int AS customers
       FROM af_stable_0 t0 JOIN af_stable_3 t3 USING (customer_id) GROUP BY 1, 2`,
  );
  const order = (segment: StableSegment) => STABLE_SEGMENTS.indexOf(segment);
  return rows.sort((a, b) => order(a.from) - order(b.from) || order(a.to) - order(b.to));
}

async function categoryStability(context: StabilityContext): Promise<StabilityReport['categories']> {
  const { rows } = await context.tx.query<{ category: string }>(
    'SELECT DISTINCT category FROM af_category_0 ORDER BY 1',
  );
  const result: StabilityReport['categories'] = [];
  for (const { category } of rows) {
    const dates = context.stabilityDates;
    result.push({
      category,
      stableSegments: await unchangedShares(
        { ...context, stabilityDates: [...dates, category] },
        'af_category',
        'stable_segment',
        ', category',
      ),
    });
  }
  return result;
}
