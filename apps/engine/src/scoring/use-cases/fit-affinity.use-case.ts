import type { Pool } from '@kizuna/db';
import {
  InsufficientDataError,
  bestCrossSell,
  coPurchaseRules,
  scoreDistribution,
  type AffinityRule,
  type BasketItems,
} from '@kizuna/scoring';
import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '../../infrastructure/database/database.tokens';
import { withTransaction } from '../../infrastructure/database/transaction';
import { copyNumericRows } from '../sql/copy-numeric-rows';
import type { ModelRun } from '../score-models';
import type { ScoringSettings } from '../scoring-settings';

/** A rule with the items' names, as stored in the fit and shown by the API. */
export interface NamedAffinityRule extends Omit<AffinityRule, 'antecedent' | 'consequent'> {
  antecedent: string;
  consequent: string;
}

interface Level {
  /** Distinct (customer, item key) pairs in customer order. */
  input: BasketItems;
  names: Map<number, string>;
}

/** Item keys: series numbered by name, products by id; trial sets left out. */
const ITEMS_SQL = {
  series: `SELECT p.id, dense_rank() OVER (ORDER BY p.series)::int AS item, p.series AS name
             FROM product p WHERE p.workspace_id = $1 AND NOT p.is_trial AND p.series IS NOT NULL`,
  product: `SELECT p.id, p.id AS item, p.sku AS name FROM product p WHERE p.workspace_id = $1 AND NOT p.is_trial`,
};

/**
 * Cross-sell affinity over customers (a basket is everything a customer ever bought, trial sets
 * excluded: they are bought to try, not as a choice of range), at series and product level; the
 * per-customer score cross_sell_confidence is the confidence of the best series they lack.
 */
@Injectable()
export class FitAffinityUseCase {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /** Read through COPY into typed arrays: a million customers' pairs as objects would be millions of them. */
  private level(workspaceId: number, at: Date, level: 'series' | 'product'): Promise<Level> {
    return withTransaction(this.pool, async (tx) => {
      const rows = await copyNumericRows(
        tx,
        `SELECT DISTINCT l.customer_id, k.item
           FROM order_line l JOIN (${ITEMS_SQL[level]}) k ON k.id = l.product_id
          WHERE l.workspace_id = $1 AND l.ordered_at < $2 AND l.amount > 0
          ORDER BY l.customer_id, k.item`,
        [workspaceId, at],
        2,
      );
      const baskets = new Int32Array(rows.count);
      const items = new Int32Array(rows.count);
      for (let i = 0; i < rows.count; i++) {
        baskets[i] = rows.values[2 * i]!;
        items[i] = rows.values[2 * i + 1]!;
      }
      const { rows: names } = await tx.query<{ item: number; name: string }>(
        `SELECT DISTINCT item, name FROM (${ITEMS_SQL[level]}) k`,
        [workspaceId],
      );
      return { input: { baskets, items }, names: new Map(names.map((row) => [row.item, row.name])) };
    });
  }

  async run(workspaceId: number, at: Date, settings: ScoringSettings['affinity']): Promise<ModelRun> {
    const options = { minPairCount: settings.minPairCustomers };
    const named = (rules: readonly AffinityRule[], names: Map<number, string>): NamedAffinityRule[] =>
      rules.slice(0, settings.keepPairs).map((rule) => ({
        ...rule,
        antecedent: names.get(rule.antecedent)!,
        consequent: names.get(rule.consequent)!,
      }));
    const series = await this.level(workspaceId, at, 'series');
    const seriesRules = coPurchaseRules(series.input, options);
    if (seriesRules.baskets === 0)
      throw new InsufficientDataError('affinity', 'no customer has bought a product of a series yet');
    const products = await this.level(workspaceId, at, 'product');
    const productRules = coPurchaseRules(products.input, options);
    const best = bestCrossSell(series.input, seriesRules.rules);
    return {
      parameters: {
        basket: 'customer',
        minPairCustomers: settings.minPairCustomers,
        series: named(seriesRules.rules, series.names),
        products: named(productRules.rules, products.names),
      },
      metrics: {
        customers: seriesRules.baskets,
        seriesPairs: seriesRules.rules.length / 2,
        productPairs: productRules.rules.length / 2,
        scores: { cross_sell_confidence: scoreDistribution(best.confidence) },
      },
      rows: seriesRules.baskets,
      scores: { customerIds: best.basketIds, values: { cross_sell_confidence: best.confidence } },
    };
  }
}
