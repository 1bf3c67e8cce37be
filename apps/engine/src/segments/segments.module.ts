import { Module } from '@nestjs/common';
import { AnalyticsModule } from '../analytics/analytics.module';
import { WorkspaceModule } from '../workspaces/workspace.module';
import { SegmentController } from './segment.controller';
import { SegmentMembersRepository } from './segment-members.repository';
import { SegmentProcessor } from './segment.processor';
import { SegmentRepository } from './segment.repository';
import { SegmentService } from './segment.service';
import { SegmentTriggers } from './segment-triggers';
import { PreviewSegmentUseCase } from './use-cases/preview-segment.use-case';
import { RefreshSegmentUseCase } from './use-cases/refresh-segment.use-case';
import { SegmentFromAnalysisUseCase } from './use-cases/segment-from-analysis.use-case';

@Module({
  imports: [WorkspaceModule, AnalyticsModule],
  controllers: [SegmentController],
  providers: [
    SegmentRepository,
    SegmentMembersRepository,
    SegmentService,
    RefreshSegmentUseCase,
    PreviewSegmentUseCase,
    SegmentFromAnalysisUseCase,
    SegmentTriggers,
    SegmentProcessor,
  ],
  exports: [
    SegmentService,
    RefreshSegmentUseCase,
    PreviewSegmentUseCase,
    SegmentFromAnalysisUseCase,
    SegmentMembersRepository,
    SegmentProcessor,
    SegmentRepository,
  ],
})
export class SegmentsModule {}
