import { Module } from '@nestjs/common';
import { AnalyticsModule } from '../analytics/analytics.module';
import { AuthModule } from '../auth/auth.module';
import { ImportsModule } from '../imports/imports.module';
import { SegmentsModule } from '../segments/segments.module';
import { WorkspaceModule } from '../workspaces/workspace.module';
import { SeedDemoUseCase } from './seed-demo.use-case';

@Module({
  imports: [AuthModule, ImportsModule, WorkspaceModule, AnalyticsModule, SegmentsModule],
  providers: [SeedDemoUseCase],
  exports: [SeedDemoUseCase],
})
export class DemoModule {}
