import { BullModule } from '@nestjs/bullmq';
import { Global, Module, type DynamicModule } from '@nestjs/common';
import { BullmqJobQueue } from './bullmq-job-queue';
import { BullmqShutdown, WORKER_HOSTS } from './bullmq-worker-hosts';
import { InlineJobQueue } from './inline-job-queue';
import { JobHandlerRegistry } from './job-handler.registry';
import { JOB_QUEUE } from './job-queue.port';
import { ALL_QUEUES } from './queue-definitions';

/** BullMQ when a Redis URL is configured, the in-process adapter otherwise; the rest of the engine only sees JOB_QUEUE. */
@Global()
@Module({})
export class QueueModule {
  /** `prefix` namespaces the Redis keys, so tests (or two installations) can share one Redis. */
  static forRoot(redisUrl: string | undefined, options: { prefix?: string } = {}): DynamicModule {
    if (!redisUrl) {
      return {
        module: QueueModule,
        providers: [JobHandlerRegistry, InlineJobQueue, { provide: JOB_QUEUE, useExisting: InlineJobQueue }],
        exports: [JobHandlerRegistry, JOB_QUEUE],
      };
    }
    return {
      module: QueueModule,
      imports: [
        // Workers block on Redis: their commands must wait through a reconnect, never fail (maxRetriesPerRequest null).
        BullModule.forRoot({
          connection: { url: redisUrl, maxRetriesPerRequest: null },
          prefix: options.prefix ?? 'kizuna',
        }),
        BullModule.registerQueue(...ALL_QUEUES.map((name) => ({ name }))),
      ],
      providers: [
        JobHandlerRegistry,
        BullmqShutdown,
        ...WORKER_HOSTS.values(),
        BullmqJobQueue,
        { provide: JOB_QUEUE, useExisting: BullmqJobQueue },
      ],
      exports: [JobHandlerRegistry, JOB_QUEUE],
    };
  }
}
