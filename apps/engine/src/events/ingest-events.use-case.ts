import type { Pool } from '@kizuna/db';
import { claimsOf, derivedEventId } from '@kizuna/ingest';
import type { Clock } from '@kizuna/shared';
import { Inject, Injectable } from '@nestjs/common';
import { CLOCK } from '../infrastructure/clock.provider';
import { DataChangeNotifier } from '../infrastructure/data-changes/data-change.notifier';
import { PG_POOL } from '../infrastructure/database/database.tokens';
import { withTransaction } from '../infrastructure/database/transaction';
import { ResolveCustomersUseCase } from '../identity/resolve-customers.use-case';
import { toCustomerReference } from '../customers/customer-input.schema';
import type { EventBatch } from './event-input.schema';
import { EventRepository } from './event.repository';

export interface IngestedEvents {
  accepted: number;
  /** Events whose id was already stored (a retried batch). */
  duplicates: number;
}

/**
 * Stores a batch of events in one transaction: all of it, or (on error) none of it. Batches of one
 * workspace run concurrently (docs/adr/0004).
 */
@Injectable()
export class IngestEventsUseCase {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly resolveCustomers: ResolveCustomersUseCase,
    private readonly events: EventRepository,
    private readonly changes: DataChangeNotifier,
  ) {}

  async execute(workspaceId: number, batch: EventBatch): Promise<IngestedEvents> {
    const receivedAt = this.clock.now();
    const events = batch.events.map((event) => {
      const reference = toCustomerReference(event.customer);
      const occurredAt = event.occurredAt ?? receivedAt;
      return {
        reference,
        externalId: event.eventId ?? derivedEventId(event.name, reference, occurredAt, event.properties),
        name: event.name,
        occurredAt,
        properties: event.properties,
      };
    });
    const { inserted, resolved } = await withTransaction(this.pool, async (tx) => {
      const resolved = await this.resolveCustomers.execute(
        tx,
        workspaceId,
        events.map((event) => ({ claims: claimsOf(event.reference, batch.source) })),
        'events-api',
        // Batches of known customers run side by side; only new identities are waited for.
        'identity',
      );
      const inserted = await this.events.insert(
        tx,
        workspaceId,
        batch.source,
        events.map((event, index) => ({ ...event, customerId: resolved.customerIds[index]! })),
      );
      return { inserted, resolved };
    });
    const customerIds = [...new Set(resolved.customerIds)];
    await this.changes.notify({
      kind: 'events',
      workspaceId,
      customerIds,
      eventNames: [...new Set(events.map((e) => e.name))],
    });
    // Customers created or merged by these events may now match rules about anything else.
    if (resolved.created + resolved.merged > 0)
      await this.changes.notify({ kind: 'customers', workspaceId, customerIds });
    const distinct = new Set(events.map((event) => event.externalId)).size;
    return { accepted: events.length, duplicates: events.length - Math.min(inserted, distinct) };
  }
}
