import type { Clock } from '@kizuna/shared';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ENGINE_CONFIG, type EngineConfig } from '../config/engine-config';
import { CLOCK } from '../infrastructure/clock.provider';
import { JOB_QUEUE, type JobQueue } from '../infrastructure/queue/job-queue.port';
import { QueueName } from '../infrastructure/queue/queue-definitions';
import { EnrollmentRepository } from './enrollment.repository';

/** Step jobs waiting in the queue beyond which the ticker stops claiming: workers are behind. */
const MAX_BACKLOG_JOBS = 16;

/**
 * Claims due enrolments in batches (FOR UPDATE SKIP LOCKED, with a lease) and hands each batch to
 * the journey-steps queue under a deterministic job id. Any number of engine processes may tick at
 * once: a row is claimed by one of them, and a lease that runs out (a killed worker, a flushed
 * Redis) makes its rows claimable again, so nothing due is ever lost.
 */
@Injectable()
export class JourneyTicker {
  private readonly logger = new Logger(JourneyTicker.name);

  constructor(
    private readonly enrollments: EnrollmentRepository,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ENGINE_CONFIG) private readonly config: EngineConfig,
  ) {}

  /** One tick: claims and queues batches until nothing is due or the workers are behind. Returns how many. */
  async tick(): Promise<number> {
    const batchSize = this.config.KIZUNA_JOURNEY_BATCH_SIZE;
    const perClaim = batchSize * 4;
    let claimed = 0;
    for (;;) {
      const { waiting } = await this.queue.counts(QueueName.JourneySteps);
      if (waiting >= MAX_BACKLOG_JOBS) break;
      const token = randomUUID();
      const ids = await this.enrollments.claimDue(
        this.clock.now(),
        perClaim,
        this.config.KIZUNA_JOURNEY_LEASE_MS,
        token,
      );
      const jobs = [];
      for (let start = 0; start < ids.length; start += batchSize) {
        jobs.push({
          payload: { enrollmentIds: ids.slice(start, start + batchSize), leaseToken: token },
          options: { jobId: `steps-${token}-${start / batchSize}` },
        });
      }
      await this.queue.enqueueMany(QueueName.JourneySteps, jobs);
      claimed += ids.length;
      if (ids.length < perClaim) break;
    }
    if (claimed) this.logger.debug({ claimed }, 'due enrolments queued');
    return claimed;
  }
}
