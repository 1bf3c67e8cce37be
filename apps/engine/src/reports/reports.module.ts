import { Module } from '@nestjs/common';
import { AnalyticsModule } from '../analytics/analytics.module';
import { JourneysModule } from '../journeys/journeys.module';
import { WorkspaceModule } from '../workspaces/workspace.module';
import { BuildKpiTreeUseCase } from './build-kpi-tree.use-case';
import { BuildLiftReportUseCase } from './build-lift-report.use-case';
import { KpiTreeRepository } from './kpi-tree.repository';
import { LiftReportRepository } from './lift-report.repository';
import { ReportsController } from './reports.controller';

@Module({
  imports: [WorkspaceModule, AnalyticsModule, JourneysModule],
  controllers: [ReportsController],
  providers: [LiftReportRepository, KpiTreeRepository, BuildLiftReportUseCase, BuildKpiTreeUseCase],
  exports: [BuildLiftReportUseCase, BuildKpiTreeUseCase],
})
export class ReportsModule {}
