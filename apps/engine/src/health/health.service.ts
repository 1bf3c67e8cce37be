import type { Pool } from '@kizuna/db';
import { Inject, Injectable } from '@nestjs/common';
import { ENGINE_CONFIG, type EngineConfig } from '../config/engine-config';
import { PG_POOL } from '../infrastructure/database/database.tokens';
import { JOB_QUEUE, type JobQueue, type QueueHealth } from '../infrastructure/queue/job-queue.port';

export interface HealthReport {
  status: 'ok' | 'degraded';
  version: string;
  database: { status: 'up' | 'down'; latencyMs?: number; detail?: string };
  queue: QueueHealth;
}

@Injectable()
export class HealthService {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    @Inject(ENGINE_CONFIG) private readonly config: EngineConfig,
  ) {}

  async check(): Promise<HealthReport> {
    const [database, queue] = await Promise.all([this.checkDatabase(), this.queue.health()]);
    return {
      status: database.status === 'up' && queue.status === 'up' ? 'ok' : 'degraded',
      version: this.config.version,
      database,
      queue,
    };
  }

  private async checkDatabase(): Promise<HealthReport['database']> {
    const started = performance.now();
    try {
      await Promise.race([
        this.pool.query('SELECT 1'),
        new Promise((_, reject) => setTimeout(() => reject(new Error('no answer within 2 s')), 2_000).unref()),
      ]);
      return { status: 'up', latencyMs: Math.round((performance.now() - started) * 10) / 10 };
    } catch (error) {
      return { status: 'down', detail: (error as Error).message };
    }
  }
}
