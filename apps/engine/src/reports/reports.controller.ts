import { Body, Controller, Get, Headers, Param, ParseIntPipe, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import type { AuthenticatedWorkspace } from '../auth/authenticated-workspace';
import { CurrentWorkspace } from '../auth/current-workspace.decorator';
import { WorkspaceSettingsStore } from '../workspaces/workspace-settings.store';
import { BuildKpiTreeUseCase, KpiTreeQuerySchema, type KpiTreeQuery } from './build-kpi-tree.use-case';
import { BuildLiftReportUseCase } from './build-lift-report.use-case';
import { liftReportCsv } from './lift-report-csv';
import { liftReportHtml } from './lift-report-html';
import type { LiftReport } from './lift-report.result';
import { PeriodQuerySchema } from './report-period';
import { ReportSettingsSchema } from './report-settings.schema';
import { Requires } from '../auth/requires.decorator';

const LiftReportQuerySchema = PeriodQuerySchema.extend({
  format: z.enum(['json', 'csv', 'html']).optional().describe('default: by Accept (text/csv, text/html), else JSON'),
}).strict();
type LiftReportQuery = z.infer<typeof LiftReportQuerySchema>;

type Format = 'json' | 'csv' | 'html';

function send(response: Response, report: LiftReport, format: Format): void {
  const day = report.period.from.slice(0, 10);
  if (format === 'csv') {
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="lift-journey-${report.journey.id}-${day}.csv"`);
    response.send(liftReportCsv(report));
  } else if (format === 'html') {
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    response.send(liftReportHtml(report));
  } else {
    response.json(report);
  }
}

/** The analyst's reports: lift per journey step (JSON, CSV, printable HTML) and the KPI tree. */
@ApiTags('Reports')
@ApiBearerAuth()
@Controller('v1/reports')
export class ReportsController {
  constructor(
    private readonly liftReport: BuildLiftReportUseCase,
    private readonly kpiTree: BuildKpiTreeUseCase,
    private readonly settings: WorkspaceSettingsStore,
  ) {}

  /** Unit costs per channel (yen per message), confidence, the always-valid test's mixture. */
  @Requires('settings.read')
  @Get('settings')
  getSettings(@CurrentWorkspace() auth: AuthenticatedWorkspace) {
    return this.settings.get(auth.workspaceId, 'reports', ReportSettingsSchema);
  }

  /** Any subset of the report settings; the rest is kept. */
  @Requires('settings.manage')
  @Put('settings')
  putSettings(@CurrentWorkspace() auth: AuthenticatedWorkspace, @Body() body: unknown) {
    return this.settings.update(auth.workspaceId, 'reports', ReportSettingsSchema, body);
  }

  /** Sales = active customers × frequency × order value, this period against the comparison period. */
  @Requires('analytics.read')
  @Get('kpi-tree')
  kpi(@CurrentWorkspace() auth: AuthenticatedWorkspace, @Query({ schema: KpiTreeQuerySchema }) query: KpiTreeQuery) {
    return this.kpiTree.execute(auth.workspaceId, query);
  }

  @Requires('analytics.read')
  @Get('journeys/:id.csv')
  async csv(
    @CurrentWorkspace() auth: AuthenticatedWorkspace,
    @Param('id', ParseIntPipe) id: number,
    @Query({ schema: LiftReportQuerySchema }) query: LiftReportQuery,
    @Res() response: Response,
  ): Promise<void> {
    send(response, await this.liftReport.execute(auth.workspaceId, id, { from: query.from, to: query.to }), 'csv');
  }

  @Requires('analytics.read')
  @Get('journeys/:id.html')
  async html(
    @CurrentWorkspace() auth: AuthenticatedWorkspace,
    @Param('id', ParseIntPipe) id: number,
    @Query({ schema: LiftReportQuerySchema }) query: LiftReportQuery,
    @Res() response: Response,
  ): Promise<void> {
    send(response, await this.liftReport.execute(auth.workspaceId, id, { from: query.from, to: query.to }), 'html');
  }

  /** Per version and step of a journey: funnel, responses, cost, lift against the holdout, arms, ROI. */
  @Requires('analytics.read')
  @Get('journeys/:id')
  async journey(
    @CurrentWorkspace() auth: AuthenticatedWorkspace,
    @Param('id', ParseIntPipe) id: number,
    @Query({ schema: LiftReportQuerySchema }) query: LiftReportQuery,
    @Headers('accept') accept: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    const format: Format =
      query.format ?? (accept?.includes('text/csv') ? 'csv' : accept?.startsWith('text/html') ? 'html' : 'json');
    send(response, await this.liftReport.execute(auth.workspaceId, id, { from: query.from, to: query.to }), format);
  }
}
