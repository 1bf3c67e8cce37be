import type { MessageChannel } from '@kizuna/channels';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { JobHandlerRegistry } from '../infrastructure/queue/job-handler.registry';
import { QueueName, SEND_QUEUES } from '../infrastructure/queue/queue-definitions';
import { PeriodicTasks } from '../infrastructure/scheduling/periodic-tasks';
import { DispatchOutboxUseCase } from './use-cases/dispatch-outbox.use-case';
import { SendMessagesUseCase } from './use-cases/send-messages.use-case';

/** How often the outbox is looked at (besides a dispatch job after each step batch that queued messages). */
export const MESSAGE_DISPATCH_EVERY_MS = 500;

/** The outbox's workers: the dispatcher and one send queue per channel. */
@Injectable()
export class ChannelsProcessor implements OnModuleInit {
  constructor(
    private readonly handlers: JobHandlerRegistry,
    private readonly periodic: PeriodicTasks,
    private readonly dispatch: DispatchOutboxUseCase,
    private readonly send: SendMessagesUseCase,
  ) {}

  onModuleInit(): void {
    this.handlers.register(QueueName.Messages, async () => {
      await this.dispatch.execute();
    });
    for (const [channel, queue] of Object.entries(SEND_QUEUES) as [
      MessageChannel,
      (typeof SEND_QUEUES)[MessageChannel],
    ][]) {
      this.handlers.register(queue, async ({ messageIds }) => {
        await this.send.execute(channel, messageIds);
      });
    }
    this.periodic.register('message-dispatch', MESSAGE_DISPATCH_EVERY_MS, async () => {
      await this.dispatch.execute();
    });
  }
}
