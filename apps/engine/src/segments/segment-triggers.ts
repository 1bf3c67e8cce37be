import { ruleDependencies, type RuleDependencies } from '@kizuna/segments';
import type { ImportKind } from '@kizuna/ingest';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { DataChange } from '../infrastructure/data-changes/data-change';
import { DataChangeNotifier } from '../infrastructure/data-changes/data-change.notifier';
import { SegmentRepository, type SegmentRecord } from './segment.repository';
import { SegmentService } from './segment.service';

/** What each import kind changes, in the terms of rule dependencies. */
const IMPORT_READERS: Record<ImportKind, (d: RuleDependencies) => boolean> = {
  // New and changed customers can match any rule (a negated condition matches someone new).
  customers: () => true,
  consents: (d) => d.consent,
  products: (d) => d.purchases,
  orders: (d) => d.purchases,
  shipments: (d) => d.purchases,
  returns: (d) => d.purchases,
  events: (d) => d.events.length > 0,
};

type Refresh = { segment: SegmentRecord; customerIds?: number[] };

/**
 * Refreshes segments when what their rules read changes: events of the names a rule reads (for
 * the customers concerned), changed customers (every segment, for them), imports and analytics
 * refreshes (the segments that read that kind of data, in full), and the segments a changed
 * segment feeds. Time alone ("within 30 days") is left to each segment's schedule.
 */
@Injectable()
export class SegmentTriggers implements OnModuleInit {
  constructor(
    private readonly notifier: DataChangeNotifier,
    private readonly segments: SegmentRepository,
    private readonly service: SegmentService,
  ) {}

  onModuleInit(): void {
    this.notifier.subscribe((change) => this.react(change));
  }

  async react(change: DataChange): Promise<void> {
    const active = (await this.segments.list(change.workspaceId)).map((segment) => ({
      segment,
      dependencies: ruleDependencies(segment.definition),
    }));
    const refreshes: Refresh[] = [];
    for (const { segment, dependencies } of active) {
      const refresh = this.refreshFor(change, segment, dependencies);
      if (refresh) refreshes.push(refresh);
    }
    for (const { segment, customerIds } of refreshes)
      await this.service.queueRefresh(segment, change.kind, customerIds);
  }

  private refreshFor(change: DataChange, segment: SegmentRecord, d: RuleDependencies): Refresh | undefined {
    switch (change.kind) {
      case 'events':
        return d.events.some((name) => change.eventNames.includes(name))
          ? { segment, customerIds: change.customerIds }
          : undefined;
      case 'customers':
        return change.customerIds.length ? { segment, customerIds: change.customerIds } : undefined;
      case 'import':
        return IMPORT_READERS[change.importKind](d) ? { segment } : undefined;
      case 'analytics':
        return d.analytics ? { segment } : undefined;
      case 'scores':
        return d.scores.some((model) => change.models.includes(model)) ? { segment } : undefined;
      case 'segment':
        if (segment.id === change.segmentId || !d.segments.includes(change.segmentId)) return undefined;
        return change.customerIds === 'all' ? { segment } : { segment, customerIds: change.customerIds };
    }
  }
}
