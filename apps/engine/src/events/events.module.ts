import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module';
import { EventController } from './event.controller';
import { EventRepository } from './event.repository';
import { IngestEventsUseCase } from './ingest-events.use-case';

@Module({
  imports: [IdentityModule],
  controllers: [EventController],
  providers: [EventRepository, IngestEventsUseCase],
  exports: [EventRepository],
})
export class EventsModule {}
