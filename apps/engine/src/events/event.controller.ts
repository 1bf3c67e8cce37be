import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { RateLimited } from '../infrastructure/http/rate-limits';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedWorkspace } from '../auth/authenticated-workspace';
import { CurrentWorkspace } from '../auth/current-workspace.decorator';
import { EventBatchSchema, type EventBatch } from './event-input.schema';
import { IngestEventsUseCase } from './ingest-events.use-case';
import { Requires } from '../auth/requires.decorator';

@ApiTags('Events')
@ApiBearerAuth()
@RateLimited('events')
@Controller('v1/events')
export class EventController {
  constructor(private readonly ingestEvents: IngestEventsUseCase) {}

  /** Up to 1,000 events per call. Customers are found or created from the reference each event carries. */
  @Requires('data.import')
  @Post()
  @HttpCode(202)
  ingest(@CurrentWorkspace() auth: AuthenticatedWorkspace, @Body({ schema: EventBatchSchema }) batch: EventBatch) {
    return this.ingestEvents.execute(auth.workspaceId, batch);
  }
}
