import { Global, Injectable, Logger, Module } from '@nestjs/common';
import type { DataChange, DataChangeListener } from './data-change';

/**
 * In-process fan-out of data changes to the modules that react to them, so the modules that
 * write data need not know who reads it (events do not import segments). Listeners only enqueue
 * work; the queue carries it to any worker process.
 */
@Injectable()
export class DataChangeNotifier {
  private readonly logger = new Logger(DataChangeNotifier.name);
  private readonly listeners: DataChangeListener[] = [];

  subscribe(listener: DataChangeListener): void {
    this.listeners.push(listener);
  }

  /**
   * Tells every listener. The change is already stored, so a listener's failure must not fail the
   * request that stored it: it is logged (the segment's schedule still catches up).
   */
  async notify(change: DataChange): Promise<void> {
    for (const listener of this.listeners) {
      try {
        await listener(change);
      } catch (error) {
        this.logger.error(
          { err: error, change: { kind: change.kind, workspaceId: change.workspaceId } },
          'reacting to a data change failed',
        );
      }
    }
  }
}

@Global()
@Module({ providers: [DataChangeNotifier], exports: [DataChangeNotifier] })
export class DataChangeModule {}
