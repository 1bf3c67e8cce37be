import { BullModule } from '@nestjs/bullmq';
import { Global, Injectable, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { Cluster } from 'ioredis';
import { BullmqJobQueue } from './bullmq-job-queue';
import { BullmqShutdown, WORKER_HOSTS } from './bullmq-worker-hosts';
import { InlineJobQueue } from './inline-job-queue';
import { JobHandlerRegistry } from './job-handler.registry';
import { JOB_QUEUE } from './job-queue.port';
import { ALL_QUEUES } from './queue-definitions';
import { queueConnection, queuePrefix } from './redis-connection';

const CLUSTER_CLIENT = Symbol('CLUSTER_CLIENT');

/** BullMQ leaves a client it was given open; the cluster client is ours to close, after the workers. */
@Injectable()
class ClusterClientShutdown implements OnApplicationShutdown {
  constructor(private readonly client: Cluster | null) {}

  async onApplicationShutdown(): Promise<void> {
    await this.client?.quit().catch(() => this.client?.disconnect());
  }
}

export interface QueueOptions {
  /** Namespaces the Redis keys, so tests (or two installations) can share one Redis. */
  prefix?: string;
  /** REDIS_URL is a seed node of a Redis Cluster. */
  cluster?: boolean;
}

/** BullMQ when a Redis URL is configured, the in-process adapter otherwise; the rest of the engine only sees JOB_QUEUE. */
@Global()
@Module({})
export class QueueModule {
  static forRoot(redisUrl: string | undefined, options: QueueOptions = {}): DynamicModule {
    if (!redisUrl) {
      return {
        module: QueueModule,
        providers: [JobHandlerRegistry, InlineJobQueue, { provide: JOB_QUEUE, useExisting: InlineJobQueue }],
        exports: [JobHandlerRegistry, JOB_QUEUE],
      };
    }
    const cluster = options.cluster ?? false;
    const connection = queueConnection(redisUrl, cluster);
    return {
      module: QueueModule,
      imports: [
        BullModule.forRoot({ connection, prefix: queuePrefix(options.prefix ?? 'kizuna', cluster) }),
        BullModule.registerQueue(...ALL_QUEUES.map((name) => ({ name }))),
      ],
      providers: [
        JobHandlerRegistry,
        BullmqShutdown,
        ...WORKER_HOSTS.values(),
        BullmqJobQueue,
        { provide: JOB_QUEUE, useExisting: BullmqJobQueue },
        { provide: CLUSTER_CLIENT, useValue: connection instanceof Cluster ? connection : null },
        {
          provide: ClusterClientShutdown,
          useFactory: (client: Cluster | null) => new ClusterClientShutdown(client),
          inject: [CLUSTER_CLIENT],
        },
      ],
      exports: [JobHandlerRegistry, JOB_QUEUE],
    };
  }
}
