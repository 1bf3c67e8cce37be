import {
  InsufficientDataError,
  bestCrossSell,
  coPurchaseRules,
  scoreDistribution,
  type AffinityRule,
} from '@kizuna/scoring';
import { Injectable } from '@nestjs/common';
import { AffinityBasketRepository } from '../affinity-basket.repository';
import type { ModelRun } from '../score-models';
import type { ScoringSettings } from '../scoring-settings';

/** A rule with the items' names, as stored in the fit and shown by the API. */
export interface NamedAffinityRule extends Omit<AffinityRule, 'antecedent' | 'consequent'> {
  antecedent: string;
  consequent: string;
}

/**
 * Cross-sell affinity over customers (a basket is everything a customer ever bought, trial sets
 * excluded: they are bought to try, not as a choice of range), at series and product level; the
 * per-customer score cross_sell_confidence is the confidence of the best series they lack.
 */
@Injectable()
export class FitAffinityUseCase {
  constructor(private readonly baskets: AffinityBasketRepository) {}

  async run(workspaceId: number, at: Date, settings: ScoringSettings['affinity']): Promise<ModelRun> {
    const options = { minPairCount: settings.minPairCustomers };
    const named = (rules: readonly AffinityRule[], names: Map<number, string>): NamedAffinityRule[] =>
      rules.slice(0, settings.keepPairs).map((rule) => ({
        ...rule,
        antecedent: names.get(rule.antecedent)!,
        consequent: names.get(rule.consequent)!,
      }));
    const series = await this.baskets.customerItems(workspaceId, at, 'series');
    const seriesRules = coPurchaseRules(series.input, options);
    if (seriesRules.baskets === 0)
      throw new InsufficientDataError('affinity', 'no customer has bought a product of a series yet');
    const products = await this.baskets.customerItems(workspaceId, at, 'product');
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
