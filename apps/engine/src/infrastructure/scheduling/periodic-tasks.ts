import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { ENGINE_CONFIG, runsWorkers, type EngineConfig } from '../../config/engine-config';

interface PeriodicTask {
  name: string;
  everyMs: number;
  run: () => Promise<void>;
}

/**
 * Work that runs every so often in worker processes: finding due segment refreshes, scheduled
 * analytics, abandoned imports. A run never overlaps the previous one of the same task, and a
 * failure is logged and retried at the next tick. Tasks that must run once across several worker
 * processes claim their work in PostgreSQL (an UPDATE ... RETURNING), not here.
 */
@Injectable()
export class PeriodicTasks implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PeriodicTasks.name);
  private readonly tasks: PeriodicTask[] = [];
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly running = new Set<string>();

  constructor(@Inject(ENGINE_CONFIG) private readonly config: EngineConfig) {}

  /** Registers a task (at module init); it starts with the application. */
  register(name: string, everyMs: number, run: () => Promise<void>): void {
    this.tasks.push({ name, everyMs, run });
  }

  onApplicationBootstrap(): void {
    if (!runsWorkers(this.config) || this.config.KIZUNA_PERIODIC_TASKS === 'off') return;
    for (const task of this.tasks) {
      void this.tick(task);
      this.timers.push(setInterval(() => void this.tick(task), task.everyMs).unref());
    }
  }

  onApplicationShutdown(): void {
    this.timers.forEach(clearInterval);
    this.timers.length = 0;
  }

  /** Runs a task now (tests use it by name), unless its previous run is still going. */
  async tick(task: PeriodicTask | string): Promise<void> {
    const found = typeof task === 'string' ? this.tasks.find((t) => t.name === task) : task;
    if (!found) throw new Error(`no periodic task "${typeof task === 'string' ? task : task.name}"`);
    if (this.running.has(found.name)) return;
    this.running.add(found.name);
    try {
      await found.run();
    } catch (error) {
      this.logger.error({ err: error, task: found.name }, 'periodic task failed');
    } finally {
      this.running.delete(found.name);
    }
  }
}

@Global()
@Module({ providers: [PeriodicTasks], exports: [PeriodicTasks] })
export class SchedulingModule {}
