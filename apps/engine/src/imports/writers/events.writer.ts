import type { EventRow } from '@kizuna/ingest';
import { Injectable } from '@nestjs/common';
import { EventRepository } from '../../events/event.repository';
import { CustomerReferenceResolver } from './customer-reference-resolver';
import {
  lastPerKey,
  type ImportWriteContext,
  type ImportWriter,
  type ParsedRow,
  type WriteRejection,
} from './import-writer';

@Injectable()
export class EventsWriter implements ImportWriter<'events'> {
  readonly kind = 'events';

  constructor(
    private readonly customers: CustomerReferenceResolver,
    private readonly events: EventRepository,
  ) {}

  /** Events are facts: stored once per event id, never rewritten. */
  async write(context: ImportWriteContext, rows: readonly ParsedRow<EventRow>[]): Promise<WriteRejection[]> {
    const events = lastPerKey(rows, (row) => row.record.eventId).map((row) => row.record);
    const customerIds = await this.customers.resolve(
      context,
      events.map((event) => event.reference),
      'identity',
    );
    await this.events.insert(
      context.tx,
      context.workspaceId,
      context.source,
      events.map((event, index) => ({
        customerId: customerIds[index]!,
        externalId: event.eventId,
        name: event.name,
        occurredAt: event.occurredAt,
        properties: event.properties,
      })),
    );
    return [];
  }
}
