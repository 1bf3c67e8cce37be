import { Module } from '@nestjs/common';
import { AnalyticsModule } from '../analytics/analytics.module';
import { AuthModule } from '../auth/auth.module';
import { ImportsModule } from '../imports/imports.module';
import { JourneysModule } from '../journeys/journeys.module';
import { SegmentsModule } from '../segments/segments.module';
import { WorkspaceModule } from '../workspaces/workspace.module';
import { SeedDemoUseCase } from './seed-demo.use-case';

@Module({
  imports: [AuthModule, ImportsModule, WorkspaceModule, AnalyticsModule, SegmentsModule, JourneysModule],
  providers: [SeedDemoUseCase],
  exports: [SeedDemoUseCase],
})
export class DemoModule {}
