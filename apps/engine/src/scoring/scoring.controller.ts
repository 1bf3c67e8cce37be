import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { z } from 'zod';
import type { AuthenticatedWorkspace } from '../auth/authenticated-workspace';
import { CurrentWorkspace } from '../auth/current-workspace.decorator';
import {
  AffinityQuerySchema,
  CustomerParamsSchema,
  FitBodySchema,
  FitParamsSchema,
  ModelsQuerySchema,
  PatternsBodySchema,
  type AffinityQuery,
  type FitBody,
  type ModelsQuery,
  type PatternsBody,
} from './scoring-input.schema';
import { ScoringSettingsService } from './scoring-settings.service';
import { ScoringService } from './scoring.service';
import { DiscoverPatternsUseCase } from './use-cases/discover-patterns.use-case';
import { FitScoreModelUseCase } from './use-cases/fit-score-model.use-case';
import { Requires } from '../auth/requires.decorator';

@ApiTags('Scores')
@ApiBearerAuth()
@Controller('v1/scores')
export class ScoringController {
  constructor(
    private readonly fitModel: FitScoreModelUseCase,
    private readonly scoring: ScoringService,
    private readonly settings: ScoringSettingsService,
    private readonly discoverPatterns: DiscoverPatternsUseCase,
  ) {}

  /**
   * Fits a model now (repeat_purchase, affinity, propensity_email|line|sms|dm) and answers with the
   * fit; with `{"queue": true}`, queues it and answers 202.
   */
  @Requires('analytics.run')
  @Post('fit/:model')
  @HttpCode(200)
  async fit(
    @CurrentWorkspace() auth: AuthenticatedWorkspace,
    @Param({ schema: FitParamsSchema }) params: z.infer<typeof FitParamsSchema>,
    @Body({ schema: FitBodySchema }) body: FitBody,
    @Res({ passthrough: true }) response: Response,
  ) {
    if (!body.queue) return this.fitModel.execute(auth.workspaceId, params.model);
    response.status(202);
    return this.scoring.queueFit(auth.workspaceId, params.model);
  }

  /** Every fit, newest first, with its metrics (AUC, calibration...) and the change since the previous fit. */
  @Requires('analytics.read')
  @Get('models')
  models(@CurrentWorkspace() auth: AuthenticatedWorkspace, @Query({ schema: ModelsQuerySchema }) query: ModelsQuery) {
    return this.scoring.models(auth.workspaceId, query);
  }

  /** A customer's latest score of each model, with the model version and when it was computed. */
  @Requires('personal_data.read')
  @Get('customers/:id')
  customer(
    @CurrentWorkspace() auth: AuthenticatedWorkspace,
    @Param({ schema: CustomerParamsSchema }) params: z.infer<typeof CustomerParamsSchema>,
  ) {
    return this.scoring.customerScores(auth.workspaceId, params.id);
  }

  /** Co-purchase pairs of the latest affinity fit (series or products), highest lift first. */
  @Requires('analytics.read')
  @Get('affinity')
  affinity(
    @CurrentWorkspace() auth: AuthenticatedWorkspace,
    @Query({ schema: AffinityQuerySchema }) query: AffinityQuery,
  ) {
    return this.scoring.affinity(auth.workspaceId, query);
  }

  /**
   * The customer patterns (one or two conditions) most associated with a KPI, with support, lift and
   * a corrected significance test; each carries `segmentRule`, ready for POST /api/v1/segments.
   */
  @Requires('analytics.run')
  @Post('patterns')
  @HttpCode(200)
  patterns(@CurrentWorkspace() auth: AuthenticatedWorkspace, @Body({ schema: PatternsBodySchema }) body: PatternsBody) {
    return this.discoverPatterns.execute(auth.workspaceId, body);
  }

  @Requires('settings.read')
  @Get('settings')
  getSettings(@CurrentWorkspace() auth: AuthenticatedWorkspace) {
    return this.settings.get(auth.workspaceId);
  }

  /** Any subset of the scoring settings (schedule, label window, penalty, affinity minimums); the rest is kept. */
  @Requires('settings.manage')
  @Put('settings')
  putSettings(@CurrentWorkspace() auth: AuthenticatedWorkspace, @Body() body: unknown) {
    return this.settings.update(auth.workspaceId, body);
  }
}
