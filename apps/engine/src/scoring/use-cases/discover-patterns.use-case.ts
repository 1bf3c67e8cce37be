import {
  discoverPatterns,
  quantileThresholds,
  type PatternDiscovery,
  type PatternFeature,
  type PatternKpi,
} from '@kizuna/scoring';
import { STABLE_SEGMENTS } from '@kizuna/segments';
import type { Clock } from '@kizuna/shared';
import { Inject, Injectable } from '@nestjs/common';
import { CLOCK } from '../../infrastructure/clock.provider';
import type { PatternsBody } from '../scoring-input.schema';
import { PatternFeatureRepository } from '../pattern-feature.repository';
import type { NumericRows } from '../sql/copy-numeric-rows';

/** Series looked at per pattern search: each adds four conditions and their pairs. */
const SERIES = 6;
const QUARTILES = [0.25, 0.5, 0.75];

/** Column j of every row, as a feature's values. */
function column(rows: NumericRows, j: number): Float64Array {
  const values = new Float64Array(rows.count);
  for (let i = 0; i < rows.count; i++) values[i] = rows.values[i * rows.columns + j]!;
  return values;
}

const purchaseCount = (filter: Record<string, unknown>) => ({ type: 'purchase', measure: 'count', filter });

/** "Bought it at least once / never": one cut at 1. */
const boughtFeature = (name: string, values: Float64Array, filter: Record<string, unknown>): PatternFeature => ({
  name,
  kind: 'numeric',
  values,
  rule: purchaseCount(filter),
  thresholds: [1],
});

export interface PatternSearch extends PatternDiscovery {
  kpi: PatternsBody['kpi'];
  /** Who the KPI was measured on. */
  population: string;
  series: string[];
}

/**
 * Pattern discovery on a workspace's customers for a KPI, over features that segment rules can
 * state (so every pattern can be saved as a segment): for "second purchase within N days", what
 * the first order was (channel, trial set, amount, series), measured on customers whose first
 * order is at least N days old; for "spend", each customer's figures now (R and F scores, stable
 * segment, trial orders, orders per sales channel and per series, series share of spend).
 */
@Injectable()
export class DiscoverPatternsUseCase {
  constructor(
    private readonly features: PatternFeatureRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(workspaceId: number, body: PatternsBody): Promise<PatternSearch> {
    const at = this.clock.now();
    const series = await this.features.topSeries(workspaceId, at, SERIES);
    const options = {
      maxConditions: body.maxConditions,
      minSupport: body.minSupport,
      minCustomers: body.minCustomers,
      alpha: body.alpha,
      limit: body.limit,
    };
    if (body.kpi.kind === 'second_purchase') {
      const { withinDays } = body.kpi;
      const rows = await this.features.secondPurchase(workspaceId, withinDays, at, series);
      const features: PatternFeature[] = [
        boughtFeature('first_order_in_store', column(rows, 2), { channel: 'store' }),
        boughtFeature('first_order_online', column(rows, 3), { channel: 'ec' }),
        boughtFeature('first_order_with_trial_set', column(rows, 4), { trial: true }),
        {
          name: 'first_order_amount',
          kind: 'numeric',
          values: column(rows, 5),
          rule: { type: 'purchase', measure: 'amount' },
        },
        ...series.map((name, k) =>
          boughtFeature(`first_order_series:${name}`, column(rows, 6 + k), { series: [name] }),
        ),
      ];
      const kpi: PatternKpi = { kind: 'binary', values: Uint8Array.from(column(rows, 1)) };
      return {
        kpi: body.kpi,
        population: `customers whose first order is at least ${body.kpi.withinDays} days old`,
        series,
        ...discoverPatterns(features, kpi, options),
      };
    }
    const { windowDays } = body.kpi;
    const rows = await this.features.spend(workspaceId, windowDays, at, series);
    const metric = (field: string) => ({ type: 'metric', field });
    const features: PatternFeature[] = [
      { name: 'r_score', kind: 'numeric', values: column(rows, 2), rule: metric('r_score') },
      { name: 'f_score', kind: 'numeric', values: column(rows, 3), rule: metric('f_score') },
      {
        name: 'stable_segment',
        kind: 'categorical',
        codes: Int32Array.from(column(rows, 4)),
        categories: STABLE_SEGMENTS,
        rule: metric('stable_segment'),
      },
      { name: 'trial_orders', kind: 'numeric', values: column(rows, 5), rule: metric('trial_orders'), thresholds: [1] },
      { name: 'store_orders', kind: 'numeric', values: column(rows, 6), rule: purchaseCount({ channel: 'store' }) },
      { name: 'online_orders', kind: 'numeric', values: column(rows, 7), rule: purchaseCount({ channel: 'ec' }) },
      ...series.map((name, k): PatternFeature => ({
        name: `series_orders:${name}`,
        kind: 'numeric',
        values: column(rows, 8 + k),
        rule: purchaseCount({ series: [name] }),
      })),
      ...series.map((name, k): PatternFeature => {
        const values = column(rows, 8 + series.length + k);
        // Shares cut at two decimals: the saved rule compares in SQL exactly what was counted here.
        const thresholds = [...new Set(quantileThresholds(values, QUARTILES).map((t) => Math.round(t * 100) / 100))];
        return {
          name: `series_share:${name}`,
          kind: 'numeric',
          values,
          rule: { type: 'preference', dimension: 'series', name, measure: 'share' },
          thresholds: thresholds.filter((t) => t > 0),
        };
      }),
    ];
    return {
      kpi: body.kpi,
      population: 'customers with an order',
      series,
      ...discoverPatterns(features, { kind: 'numeric', values: column(rows, 1) }, options),
    };
  }
}
