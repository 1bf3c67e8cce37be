import type { Pool } from '@kizuna/db';
import type { Clock } from '@kizuna/shared';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ENGINE_CONFIG, type EngineConfig } from '../config/engine-config';
import { CLOCK } from '../infrastructure/clock.provider';
import { PG_POOL } from '../infrastructure/database/database.tokens';
import { JOB_QUEUE, type JobQueue } from '../infrastructure/queue/job-queue.port';
import { ALL_QUEUES } from '../infrastructure/queue/queue-definitions';
import { BacklogRepository, type Backlog } from './backlog.repository';
import { METRICS_REGISTRY, type GaugeMetric, type MetricsRegistry } from './metrics-registry';

/** A scrape must answer even when Redis or PostgreSQL does not (Prometheus' default scrape timeout is 10 s). */
const COLLECT_TIMEOUT_MS = 2_000;

type Collector = 'queues' | 'database';

const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

/**
 * Gauges read on scrape: BullMQ queue depths, the journey and outbox backlogs and import jobs
 * (from PostgreSQL; the same in every process), and this process's database pool. A source that
 * does not answer in time leaves its gauges out and sets `kizuna_metrics_source_up` to 0.
 */
@Injectable()
export class EngineGauges {
  private readonly logger = new Logger(EngineGauges.name);
  private readonly sourceUp: GaugeMetric<'source'>;
  private backlog: Promise<Backlog | undefined> | undefined;

  constructor(
    @Inject(METRICS_REGISTRY) registry: MetricsRegistry,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ENGINE_CONFIG) config: EngineConfig,
    private readonly backlogs: BacklogRepository,
  ) {
    this.sourceUp = registry.gauge({
      name: 'kizuna_metrics_source_up',
      help: 'Whether a source of the gauges answered this scrape within 2 s (1) or not (0).',
      labelNames: ['source'],
    });
    registry
      .gauge({ name: 'kizuna_info', help: 'This process: release and role.', labelNames: ['version', 'role'] })
      .set({ version: config.version, role: config.KIZUNA_ROLE }, 1);
    // Registered before the backlog gauges: read before the backlog statement takes a connection.
    registry.gauge({
      name: 'kizuna_db_pool_connections',
      help: "This process's PostgreSQL pool (pg; Prisma keeps a smaller pool of its own): connections in use and idle.",
      labelNames: ['state'],
      collect: (gauge) => {
        gauge.set({ state: 'in_use' }, this.pool.totalCount - this.pool.idleCount);
        gauge.set({ state: 'idle' }, this.pool.idleCount);
      },
    });
    registry
      .gauge({ name: 'kizuna_db_pool_max_connections', help: 'KIZUNA_DB_POOL_SIZE of this process.', labelNames: [] })
      .set({}, this.pool.options.max);
    registry.gauge({
      name: 'kizuna_db_pool_waiting_requests',
      help: 'Queries of this process waiting for a free pool connection.',
      labelNames: [],
      collect: (gauge) => gauge.set({}, this.pool.waitingCount),
    });
    registry.gauge({
      name: 'kizuna_queue_jobs',
      help: 'Jobs per queue and state (waiting, active, delayed, failed), read from the queue on scrape.',
      labelNames: ['queue', 'state'],
      collect: (gauge) => this.collectQueues(gauge),
    });
    const backlogGauge = (name: string, help: string, value: (backlog: Backlog) => number) =>
      registry.gauge({
        name,
        help,
        labelNames: [],
        collect: async (gauge) => {
          const backlog = await this.readBacklog();
          gauge.reset();
          if (backlog) gauge.set({}, value(backlog));
        },
      });
    backlogGauge(
      'kizuna_journey_due_enrollments',
      'Enrolments of active journeys due and not claimed by a live lease.',
      (b) => b.dueEnrollments,
    );
    backlogGauge(
      'kizuna_journey_oldest_due_seconds',
      'Lateness of the oldest due enrolment: now - wake_at (0 when none is due).',
      (b) => b.oldestDueEnrollmentSeconds,
    );
    backlogGauge('kizuna_outbox_due_messages', 'Outbox messages queued and due for sending.', (b) => b.dueMessages);
    backlogGauge(
      'kizuna_outbox_oldest_due_seconds',
      'Age of the oldest due outbox message: now - its due time (0 when none is due).',
      (b) => b.oldestDueMessageSeconds,
    );
    registry.gauge({
      name: 'kizuna_import_jobs',
      help: 'Import jobs queued or running.',
      labelNames: ['status'],
      collect: async (gauge) => {
        const backlog = await this.readBacklog();
        gauge.reset();
        if (!backlog) return;
        gauge.set({ status: 'queued' }, backlog.importJobs.queued);
        gauge.set({ status: 'running' }, backlog.importJobs.running);
      },
    });
  }

  private async collectQueues(gauge: GaugeMetric<'queue' | 'state'>): Promise<void> {
    gauge.reset();
    try {
      const counts = await within(
        Promise.all(ALL_QUEUES.map(async (queue) => [queue, await this.queue.counts(queue)] as const)),
      );
      for (const [queue, byState] of counts) {
        for (const state of QUEUE_STATES) gauge.set({ queue, state }, byState[state]);
      }
      this.sourceUp.set({ source: 'queues' }, 1);
    } catch (error) {
      this.down('queues', error);
    }
  }

  /**
   * The backlog statement runs once per scrape: a render starts every collector before any
   * settles, so the gauges that ask after the first share its answer.
   */
  private readBacklog(): Promise<Backlog | undefined> {
    this.backlog ??= within(this.backlogs.read(this.clock.now()))
      .then((backlog) => {
        this.sourceUp.set({ source: 'database' }, 1);
        return backlog;
      })
      .catch((error: unknown) => {
        this.down('database', error);
        return undefined;
      })
      .finally(() => (this.backlog = undefined));
    return this.backlog;
  }

  private down(source: Collector, error: unknown): void {
    this.sourceUp.set({ source }, 0);
    this.logger.warn({ err: error, source }, 'a metrics source did not answer');
  }
}

function within<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${COLLECT_TIMEOUT_MS} ms`)), COLLECT_TIMEOUT_MS);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
