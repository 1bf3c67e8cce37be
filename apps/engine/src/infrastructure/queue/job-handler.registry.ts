import { Injectable } from '@nestjs/common';
import type { JobContext, JobHandler } from './job-queue.port';
import type { JobPayloads, QueueName } from './queue-definitions';

/** Processors register here at module init; both queue adapters dispatch through it. */
@Injectable()
export class JobHandlerRegistry {
  private readonly handlers = new Map<QueueName, JobHandler<QueueName>>();

  register<Q extends QueueName>(queue: Q, handler: JobHandler<Q>): void {
    if (this.handlers.has(queue)) throw new Error(`queue "${queue}" already has a handler`);
    this.handlers.set(queue, handler as unknown as JobHandler<QueueName>);
  }

  has(queue: QueueName): boolean {
    return this.handlers.has(queue);
  }

  async dispatch<Q extends QueueName>(queue: Q, payload: JobPayloads[Q], context: JobContext): Promise<void> {
    const handler = this.handlers.get(queue);
    if (!handler) throw new Error(`no handler for queue "${queue}"`);
    await handler(payload, context);
  }
}
