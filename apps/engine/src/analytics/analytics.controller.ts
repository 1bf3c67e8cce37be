import { NotFoundError } from '@kizuna/shared';
import { Body, Controller, Get, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import type { AuthenticatedWorkspace } from '../auth/authenticated-workspace';
import { CurrentWorkspace } from '../auth/current-workspace.decorator';
import { AnalyticsSettingsService } from './analytics-settings.service';
import { AnalyticsSnapshotRepository, type AnalysisKind } from './analytics-snapshot.repository';
import { rfMatrixCsv } from './rf-matrix-csv';
import type { RfMatrixResult } from './results/rf-matrix.result';
import { RefreshAnalyticsUseCase } from './use-cases/refresh-analytics.use-case';
import {
  SelectTargetsUseCase,
  TargetSelectionRequestSchema,
  type TargetSelectionRequest,
} from './use-cases/select-targets.use-case';
import { StabilityReportUseCase } from './use-cases/stability-report.use-case';
import { Requires } from '../auth/requires.decorator';

const RefreshBody = z
  .object({ referenceDate: z.iso.datetime({ offset: true }).or(z.iso.date()).optional().describe('default: now') })
  .strict()
  .default({});

/** URL names of the analyses and the snapshot each reads. */
const ANALYSES: Record<string, AnalysisKind> = {
  rfm: 'rfm',
  'rf-matrix': 'rf_matrix',
  deciles: 'deciles',
  abc: 'abc',
  'stable-segments': 'stable_segments',
  'rank-down': 'rank_down',
  stability: 'stability',
};

@ApiTags('Analytics')
@ApiBearerAuth()
@Controller('v1/analytics')
export class AnalyticsController {
  constructor(
    private readonly refreshAnalytics: RefreshAnalyticsUseCase,
    private readonly stabilityReport: StabilityReportUseCase,
    private readonly selectTargets: SelectTargetsUseCase,
    private readonly settings: AnalyticsSettingsService,
    private readonly snapshots: AnalyticsSnapshotRepository,
  ) {}

  /** Recomputes every analysis and the per-customer figures (RFM, RF cell, decile, stable segment...). */
  @Requires('analytics.run')
  @Post('refresh')
  @HttpCode(200)
  refresh(
    @CurrentWorkspace() auth: AuthenticatedWorkspace,
    @Body({ schema: RefreshBody }) body: z.infer<typeof RefreshBody>,
  ) {
    return this.refreshAnalytics.execute(
      auth.workspaceId,
      body.referenceDate ? { referenceAt: new Date(body.referenceDate) } : {},
    );
  }

  /** Stable segments and RFM ranks: the share unchanged after 1, 3 and 6 months, measured on history. */
  @Requires('analytics.run')
  @Post('stability')
  @HttpCode(200)
  stability(
    @CurrentWorkspace() auth: AuthenticatedWorkspace,
    @Body({ schema: RefreshBody }) body: z.infer<typeof RefreshBody>,
  ) {
    return this.stabilityReport.execute(
      auth.workspaceId,
      body.referenceDate ? { referenceAt: new Date(body.referenceDate) } : {},
    );
  }

  @Requires('analytics.run')
  @Post('target-selection')
  @HttpCode(200)
  targets(
    @CurrentWorkspace() auth: AuthenticatedWorkspace,
    @Body({ schema: TargetSelectionRequestSchema }) body: TargetSelectionRequest,
  ) {
    return this.selectTargets.execute(auth.workspaceId, body);
  }

  @Requires('settings.read')
  @Get('settings')
  getSettings(@CurrentWorkspace() auth: AuthenticatedWorkspace) {
    return this.settings.get(auth.workspaceId);
  }

  /** Any subset of the settings; the rest is kept. */
  @Requires('settings.manage')
  @Put('settings')
  putSettings(@CurrentWorkspace() auth: AuthenticatedWorkspace, @Body() body: unknown) {
    return this.settings.update(auth.workspaceId, body);
  }

  /** The RF matrix as CSV (UTF-8 with BOM, for Excel). */
  @Requires('analytics.read')
  @Get('rf-matrix.csv')
  async rfMatrixExport(@CurrentWorkspace() auth: AuthenticatedWorkspace, @Res() response: Response): Promise<void> {
    const snapshot = await this.snapshots.find<RfMatrixResult>(auth.workspaceId, 'rf_matrix');
    if (!snapshot) throw new NotFoundError('analysis', 'rf-matrix (run POST /api/v1/analytics/refresh first)');
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader(
      'Content-Disposition',
      `attachment; filename="rf-matrix-${snapshot.referenceAt.toISOString().slice(0, 10)}.csv"`,
    );
    response.send(`\ufeff${rfMatrixCsv(snapshot.result)}`);
  }

  /** The latest result of an analysis: rfm, rf-matrix, deciles, abc, stable-segments, rank-down, stability. */
  @Requires('analytics.read')
  @Get(':analysis')
  async analysis(@CurrentWorkspace() auth: AuthenticatedWorkspace, @Param('analysis') analysis: string) {
    const kind = ANALYSES[analysis];
    if (!kind) throw new NotFoundError('analysis', analysis);
    const snapshot = await this.snapshots.find(auth.workspaceId, kind);
    if (!snapshot) {
      const how = kind === 'stability' ? 'POST /api/v1/analytics/stability' : 'POST /api/v1/analytics/refresh';
      throw new NotFoundError('analysis', `${analysis} (not computed yet: run ${how})`);
    }
    return snapshot;
  }
}
