import type { Pool } from '@kizuna/db';
import {
  fitBgNbd,
  fitGammaGamma,
  predictRepeatPurchases,
  scoreDistribution,
  ScoringError,
  type GammaGammaFit,
  type RepeatPurchaseModels,
  type RepeatPurchaseSummary,
} from '@kizuna/scoring';
import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '../../infrastructure/database/database.tokens';
import { WorkspaceService } from '../../workspaces/workspace.service';
import type { ModelRun } from '../score-models';
import type { ScoringSettings } from '../scoring-settings';
import { queryRepeatPurchaseSummary } from '../sql/repeat-purchase-summary.sql';

/** The horizon named by the expected_purchases_90d score. */
const EXPECTED_PURCHASES_DAYS = 90;

/** The calendar date of an instant in a time zone (YYYY-MM-DD). */
function localDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/**
 * BG/NBD on every customer, Gamma-Gamma on those with repeat purchases of positive value (as
 * fitRepeatPurchaseModels does), except that a spend model that cannot be fitted (too few repeat
 * buyers, spend without variation) leaves P(alive) and expected purchases standing: they are
 * written, expected_order_value and clv are not, and the fit's metrics say why.
 */
function fitModels(
  summaries: readonly RepeatPurchaseSummary<number>[],
): RepeatPurchaseModels & { gammaGammaNotFitted: string | null } {
  const bgNbd = fitBgNbd(summaries);
  const spenders = summaries
    .filter((s) => s.frequency > 0 && s.meanRepeatValue !== null && s.meanRepeatValue > 0)
    .map((s) => ({ frequency: s.frequency, meanRepeatValue: s.meanRepeatValue! }));
  if (!spenders.length) return { bgNbd, gammaGamma: null, gammaGammaNotFitted: 'no repeat purchases with a value' };
  let gammaGamma: GammaGammaFit;
  try {
    gammaGamma = fitGammaGamma(spenders);
  } catch (error) {
    if (error instanceof ScoringError) return { bgNbd, gammaGamma: null, gammaGammaNotFitted: error.message };
    throw error;
  }
  return { bgNbd, gammaGamma, gammaGammaNotFitted: null };
}

/**
 * BG/NBD and Gamma-Gamma (Fader, Hardie & Lee 2005) on every purchasing customer's history up to
 * today (workspace calendar days), then per customer: p_alive, expected_purchases_90d,
 * expected_order_value and clv (expected purchases over the CLV horizon x expected order value).
 */
@Injectable()
export class FitRepeatPurchaseUseCase {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly workspaces: WorkspaceService,
  ) {}

  async run(workspaceId: number, at: Date, settings: ScoringSettings['repeatPurchase']): Promise<ModelRun> {
    const workspace = await this.workspaces.get(workspaceId);
    const calibrationEnd = localDate(at, workspace.timezone);
    const summaries = await queryRepeatPurchaseSummary(this.pool, {
      workspaceId,
      calibrationEnd,
      timeZone: workspace.timezone,
      unit: 'day',
    });
    const models = fitModels(summaries);
    const soon = predictRepeatPurchases(models, summaries, EXPECTED_PURCHASES_DAYS);
    const lifetime = predictRepeatPurchases(models, summaries, settings.clvHorizonDays);
    const n = summaries.length;
    const values = {
      p_alive: new Float64Array(n),
      expected_purchases_90d: new Float64Array(n),
      // NaN (not written) without a Gamma-Gamma fit: no spend model, no value.
      expected_order_value: new Float64Array(n),
      clv: new Float64Array(n),
    };
    const customerIds = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const prediction = soon[i]!;
      const orderValue = prediction.expectedOrderValue ?? Number.NaN;
      customerIds[i] = prediction.customerId;
      values.p_alive[i] = prediction.probabilityAlive;
      values.expected_purchases_90d[i] = prediction.expectedPurchases;
      values.expected_order_value[i] = orderValue;
      values.clv[i] = lifetime[i]!.expectedPurchases * orderValue;
    }
    return {
      parameters: {
        bgNbd: models.bgNbd,
        gammaGamma: models.gammaGamma,
        unit: 'day',
        calibrationEnd,
        expectedPurchasesDays: EXPECTED_PURCHASES_DAYS,
        clvHorizonDays: settings.clvHorizonDays,
      },
      metrics: {
        customers: n,
        bgNbdLogLikelihood: models.bgNbd.logLikelihood,
        gammaGammaLogLikelihood: models.gammaGamma?.logLikelihood ?? null,
        gammaGammaNotFitted: models.gammaGammaNotFitted,
        scores: Object.fromEntries(Object.entries(values).map(([name, v]) => [name, scoreDistribution(v)])),
      },
      rows: n,
      scores: { customerIds, values },
    };
  }
}
