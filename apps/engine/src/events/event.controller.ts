import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { RateLimited } from '../infrastructure/http/rate-limits';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedWorkspace } from '../auth/api-key.service';
import { CurrentWorkspace } from '../auth/current-workspace.decorator';
import { EventBatchSchema, type EventBatch } from './event-input.schema';
import { IngestEventsUseCase } from './ingest-events.use-case';

@ApiTags('Events')
@ApiBearerAuth()
@RateLimited('events')
@Controller('v1/events')
export class EventController {
  constructor(private readonly ingestEvents: IngestEventsUseCase) {}

  /** Up to 1,000 events per call. Customers are found or created from the reference each event carries. */
  @Post()
  @HttpCode(202)
  ingest(@CurrentWorkspace() auth: AuthenticatedWorkspace, @Body({ schema: EventBatchSchema }) batch: EventBatch) {
    return this.ingestEvents.execute(auth.workspaceId, batch);
  }
}
