import { Module } from '@nestjs/common';
import { ChannelsModule } from '../channels/channels.module';
import { MessageRepository } from '../messages/message.repository';
import { SegmentsModule } from '../segments/segments.module';
import { WorkspaceModule } from '../workspaces/workspace.module';
import { CustomerFactsRepository } from './customer-facts.repository';
import { EnrollmentRepository } from './enrollment.repository';
import { JourneyController } from './journey.controller';
import { JourneyRepository } from './journey.repository';
import { JourneyService } from './journey.service';
import { JourneyStatsRepository } from './journey-stats.repository';
import { JourneyTemplates } from './journey-templates';
import { JourneyTicker } from './journey-ticker';
import { JourneyTriggerRepository } from './journey-trigger.repository';
import { JourneyVersionCache } from './journey-version.cache';
import { JourneysProcessor } from './journeys.processor';
import { EnrolFromTriggersUseCase } from './use-cases/enrol-from-triggers.use-case';
import { ProcessStepBatchUseCase } from './use-cases/process-step-batch.use-case';
import { PublishJourneyUseCase } from './use-cases/publish-journey.use-case';
import { ResumeOnActivityUseCase } from './use-cases/resume-on-activity.use-case';
import { SimulateJourneyUseCase } from './use-cases/simulate-journey.use-case';

@Module({
  imports: [WorkspaceModule, SegmentsModule, ChannelsModule],
  controllers: [JourneyController],
  providers: [
    JourneyRepository,
    JourneyTriggerRepository,
    EnrollmentRepository,
    JourneyStatsRepository,
    MessageRepository,
    CustomerFactsRepository,
    JourneyVersionCache,
    JourneyService,
    JourneyTemplates,
    JourneyTicker,
    PublishJourneyUseCase,
    SimulateJourneyUseCase,
    EnrolFromTriggersUseCase,
    ProcessStepBatchUseCase,
    ResumeOnActivityUseCase,
    JourneysProcessor,
  ],
  exports: [
    JourneyService,
    JourneyRepository,
    PublishJourneyUseCase,
    SimulateJourneyUseCase,
    JourneysProcessor,
    JourneyTicker,
    JourneyTemplates,
  ],
})
export class JourneysModule {}
