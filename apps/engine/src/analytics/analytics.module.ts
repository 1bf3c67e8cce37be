import { Module } from '@nestjs/common';
import { WorkspaceModule } from '../workspaces/workspace.module';
import { AnalyticsController } from './analytics.controller';
import { AnalyticsSettingsService } from './analytics-settings.service';
import { AnalyticsSnapshotRepository } from './analytics-snapshot.repository';
import { AnalyticsProcessor } from './analytics.processor';
import { RefreshAnalyticsUseCase } from './use-cases/refresh-analytics.use-case';
import { SelectTargetsUseCase } from './use-cases/select-targets.use-case';
import { StabilityReportUseCase } from './use-cases/stability-report.use-case';

@Module({
  imports: [WorkspaceModule],
  controllers: [AnalyticsController],
  providers: [
    AnalyticsProcessor,
    AnalyticsSettingsService,
    AnalyticsSnapshotRepository,
    RefreshAnalyticsUseCase,
    StabilityReportUseCase,
    SelectTargetsUseCase,
  ],
  exports: [
    RefreshAnalyticsUseCase,
    StabilityReportUseCase,
    AnalyticsSnapshotRepository,
    AnalyticsSettingsService,
    SelectTargetsUseCase,
  ],
})
export class AnalyticsModule {}
