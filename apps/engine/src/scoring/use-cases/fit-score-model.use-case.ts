import type { Pool } from '@kizuna/db';
import type { Clock } from '@kizuna/shared';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK } from '../../infrastructure/clock.provider';
import { DataChangeNotifier } from '../../infrastructure/data-changes/data-change.notifier';
import { PG_POOL } from '../../infrastructure/database/database.tokens';
import { withTransaction } from '../../infrastructure/database/transaction';
import { CustomerScoreRepository } from '../customer-score.repository';
import { ScoreFitRepository, type ScoreFitRecord } from '../score-fit.repository';
import { scoreModel, type ModelRun, type ScoreModelName } from '../score-models';
import { ScoringSettingsService } from '../scoring-settings.service';
import { FitAffinityUseCase } from './fit-affinity.use-case';
import { FitPropensityUseCase } from './fit-propensity.use-case';
import { FitRepeatPurchaseUseCase } from './fit-repeat-purchase.use-case';

/**
 * Fits one model of a workspace and records it: the fit (parameters, metrics, next version) in
 * score_model_fit and its scores in customer_score, in one transaction; then tells segments that
 * read those scores. The computation runs outside the transaction; only the writes hold it.
 */
@Injectable()
export class FitScoreModelUseCase {
  private readonly logger = new Logger(FitScoreModelUseCase.name);

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly settings: ScoringSettingsService,
    private readonly fits: ScoreFitRepository,
    private readonly scores: CustomerScoreRepository,
    private readonly changes: DataChangeNotifier,
    private readonly propensity: FitPropensityUseCase,
    private readonly repeatPurchase: FitRepeatPurchaseUseCase,
    private readonly affinity: FitAffinityUseCase,
  ) {}

  async execute(workspaceId: number, name: ScoreModelName): Promise<ScoreFitRecord> {
    const started = performance.now();
    const fittedAt = this.clock.now();
    const settings = await this.settings.get(workspaceId);
    const model = scoreModel(name);
    let run: ModelRun;
    switch (model.kind) {
      case 'propensity':
        run = await this.propensity.run(workspaceId, model.channel, fittedAt, settings.propensity);
        break;
      case 'repeat_purchase':
        run = await this.repeatPurchase.run(workspaceId, fittedAt, settings.repeatPurchase);
        break;
      case 'affinity':
        run = await this.affinity.run(workspaceId, fittedAt, settings.affinity);
        break;
    }
    const fit = await withTransaction(this.pool, async (tx) => {
      await this.fits.lock(tx, workspaceId, name);
      const record = await this.fits.insert(tx, workspaceId, {
        model: name,
        fittedAt,
        parameters: run.parameters,
        metrics: run.metrics,
        rows: run.rows,
        scored: run.scores.customerIds.length,
        tookMs: Math.round(performance.now() - started),
      });
      await this.scores.replace(tx, workspaceId, run.scores, `${name}:v${record.version}`, fittedAt);
      return record;
    });
    this.logger.log(
      { workspaceId, model: name, version: fit.version, rows: fit.rows, scored: fit.scored, tookMs: fit.tookMs },
      'score model fitted',
    );
    const scoreNames = Object.keys(run.scores.values);
    if (scoreNames.length) await this.changes.notify({ kind: 'scores', workspaceId, models: scoreNames });
    return fit;
  }
}
