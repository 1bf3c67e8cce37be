import {
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type INestApplicationContext,
  type OnModuleInit,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { testRedisUrl } from '../../../../../tests/support/test-environment';
import { ConfigModule } from '../../config/config.module';
import { loadEngineConfig } from '../../config/engine-config';
import { JobHandlerRegistry } from './job-handler.registry';
import { JOB_QUEUE, type JobContext, type JobQueue } from './job-queue.port';
import { QUEUE_SETTINGS, QueueName, type JobPayloads } from './queue-definitions';
import { QueueModule } from './queue.module';

type ImportPayload = JobPayloads[typeof QueueName.Imports];
type Behaviour = (payload: ImportPayload, context: JobContext) => Promise<void>;

interface Run {
  payload: ImportPayload;
  jobId: string;
  attempt: number;
  at: number;
}

const BEHAVIOUR = Symbol('BEHAVIOUR');

/** Registers the imports handler in onModuleInit, as ImportProcessor does: before the adapters start their workers. */
@Injectable()
class RecordingProcessor implements OnModuleInit {
  readonly runs: Run[] = [];

  constructor(
    @Inject(JobHandlerRegistry) private readonly handlers: JobHandlerRegistry,
    @Inject(BEHAVIOUR) private readonly behaviour: Behaviour,
  ) {}

  onModuleInit(): void {
    this.handlers.register(QueueName.Imports, async (payload, context) => {
      this.runs.push({ payload, jobId: context.jobId, attempt: context.attempt, at: Date.now() });
      await this.behaviour(payload, context);
    });
  }
}

@Module({})
class QueueUnderTestModule {
  static forRoot(redisUrl: string | undefined, prefix: string, behaviour: Behaviour): DynamicModule {
    return {
      module: QueueUnderTestModule,
      imports: [
        // KIZUNA_ROLE all: only processes whose role runs workers start them (runsWorkers).
        ConfigModule.forRoot(
          loadEngineConfig({ KIZUNA_ROLE: 'all', LOG_LEVEL: 'silent', ...(redisUrl ? { REDIS_URL: redisUrl } : {}) }),
        ),
        QueueModule.forRoot(redisUrl, { prefix }),
      ],
      providers: [{ provide: BEHAVIOUR, useValue: behaviour }, RecordingProcessor],
    };
  }
}

interface RunningQueue {
  queue: JobQueue;
  runs: Run[];
  close(): Promise<void>;
}

const adapters = [
  { adapter: 'inline' as const, redisUrl: undefined },
  { adapter: 'bullmq' as const, redisUrl: testRedisUrl },
];

/** Polls until `check` holds; fails with `what` after the deadline (within jest's 5 s test timeout). */
async function eventually(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 4_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function gate(): { promise: Promise<void>; open(): void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

/**
 * The contract both queue adapters keep (job-queue.port.ts), run against the in-process queue and
 * BullMQ on the real Redis. Each test gets its own application and, on Redis, its own key prefix,
 * removed afterwards: other tests and a running engine may share this Redis.
 */
describe.each(adapters)('JobQueue contract: $adapter', ({ adapter, redisUrl }) => {
  const open: INestApplicationContext[] = [];
  const prefixes: string[] = [];
  const defaultSettings = { ...QUEUE_SETTINGS[QueueName.Imports] };

  async function startQueue(behaviour: Behaviour = () => Promise.resolve()): Promise<RunningQueue> {
    const prefix = `kizuna-test-${randomBytes(6).toString('hex')}`;
    prefixes.push(prefix);
    const app = await NestFactory.createApplicationContext(QueueUnderTestModule.forRoot(redisUrl, prefix, behaviour), {
      logger: false,
    });
    open.push(app);
    return {
      queue: app.get<JobQueue>(JOB_QUEUE),
      runs: app.get(RecordingProcessor).runs,
      close: async () => {
        open.splice(open.indexOf(app), 1);
        await app.close();
      },
    };
  }

  const settle = (queue: JobQueue) =>
    eventually('the queue to settle', async () => {
      const counts = await queue.counts(QueueName.Imports);
      return counts.waiting === 0 && counts.active === 0 && counts.delayed === 0;
    });

  afterEach(async () => {
    Object.assign(QUEUE_SETTINGS[QueueName.Imports], defaultSettings);
    for (const app of open.splice(0)) await app.close();
  });

  afterAll(async () => {
    if (!redisUrl) return;
    const redis = new Redis(redisUrl);
    try {
      for (const prefix of prefixes) {
        const keys = await redis.keys(`${prefix}:*`);
        if (keys.length) await redis.del(...keys);
      }
    } finally {
      redis.disconnect();
    }
  });

  it('runs an enqueued job once, with its payload, its id and attempt 1', async () => {
    const running = await startQueue();
    expect(running.queue.adapter).toBe(adapter);
    await running.queue.enqueue(QueueName.Imports, { workspaceId: 7, importJobId: 42 }, { jobId: 'import-42' });
    await eventually('the job to run', () => running.runs.length > 0);
    await settle(running.queue);
    expect(running.runs.map(({ payload, jobId, attempt }) => ({ payload, jobId, attempt }))).toEqual([
      { payload: { workspaceId: 7, importJobId: 42 }, jobId: 'import-42', attempt: 1 },
    ]);
    expect(await running.queue.counts(QueueName.Imports)).toEqual({ waiting: 0, active: 0, delayed: 0, failed: 0 });
  });

  it('runs a job enqueued twice under the same id while it waits once, and counts waiting and active jobs', async () => {
    const first = gate();
    const running = await startQueue((payload) => (payload.importJobId === 1 ? first.promise : Promise.resolve()));
    // Imports run one at a time (concurrency 1): job 2 waits behind job 1.
    await running.queue.enqueue(QueueName.Imports, { workspaceId: 1, importJobId: 1 }, { jobId: 'import-1' });
    await eventually('job 1 to start', () => running.runs.length === 1);
    await running.queue.enqueue(QueueName.Imports, { workspaceId: 1, importJobId: 2 }, { jobId: 'import-2' });
    await running.queue.enqueue(QueueName.Imports, { workspaceId: 1, importJobId: 2 }, { jobId: 'import-2' });
    expect(await running.queue.counts(QueueName.Imports)).toEqual({ waiting: 1, active: 1, delayed: 0, failed: 0 });

    first.open();
    await eventually('job 2 to run', () => running.runs.length >= 2);
    await settle(running.queue);
    expect(running.runs.map((run) => [run.jobId, run.attempt])).toEqual([
      ['import-1', 1],
      ['import-2', 1],
    ]);
  });

  it('counts a delayed job as delayed until its time comes', async () => {
    const running = await startQueue();
    const enqueuedAt = Date.now();
    await running.queue.enqueue(
      QueueName.Imports,
      { workspaceId: 1, importJobId: 3 },
      // Long enough that a loaded machine still reads the counts before the job is due.
      { jobId: 'import-3', delayMs: 2_000 },
    );
    expect(await running.queue.counts(QueueName.Imports)).toEqual({ waiting: 0, active: 0, delayed: 1, failed: 0 });
    await eventually('the delayed job to run', () => running.runs.length === 1, 10_000);
    expect(running.runs[0]!.at - enqueuedAt).toBeGreaterThanOrEqual(2_000 - 5);
    await settle(running.queue);
  });

  it('retries a failing job with exponential backoff, up to the queue setting, then counts it failed', async () => {
    // The settings are the public, mutable QUEUE_SETTINGS; lowered here so the test takes a second, not 15.
    Object.assign(QUEUE_SETTINGS[QueueName.Imports], { attempts: 3, backoffMs: 150 });
    const running = await startQueue(() => Promise.reject(new Error('the database is away')));
    await running.queue.enqueue(QueueName.Imports, { workspaceId: 1, importJobId: 9 }, { jobId: 'import-9' });
    await eventually(
      'the job to fail for good',
      async () => (await running.queue.counts(QueueName.Imports)).failed === 1,
    );

    expect(running.runs.map((run) => [run.jobId, run.attempt])).toEqual([
      ['import-9', 1],
      ['import-9', 2],
      ['import-9', 3],
    ]);
    const [first, second, third] = running.runs.map((run) => run.at) as [number, number, number];
    // 150 ms before the second try, 300 ms before the third (a constant backoff would wait 150 both times).
    expect(second - first).toBeGreaterThanOrEqual(150 - 5);
    expect(third - second).toBeGreaterThanOrEqual(300 - 5);
    // Nothing left waiting or delayed: there will be no fourth try.
    expect(await running.queue.counts(QueueName.Imports)).toEqual({ waiting: 0, active: 0, delayed: 0, failed: 1 });
  });

  it('succeeds on a retry once the cause of the failure is gone', async () => {
    Object.assign(QUEUE_SETTINGS[QueueName.Imports], { attempts: 3, backoffMs: 50 });
    const running = await startQueue((_payload, context) =>
      context.attempt === 1 ? Promise.reject(new Error('transient')) : Promise.resolve(),
    );
    await running.queue.enqueue(QueueName.Imports, { workspaceId: 1, importJobId: 10 }, { jobId: 'import-10' });
    await eventually('the second try', () => running.runs.length === 2);
    await settle(running.queue);
    expect(running.runs.map((run) => run.attempt)).toEqual([1, 2]);
    expect(await running.queue.counts(QueueName.Imports)).toEqual({ waiting: 0, active: 0, delayed: 0, failed: 0 });
  });

  it('reports itself up', async () => {
    const running = await startQueue();
    expect(await running.queue.health()).toEqual({ adapter, status: 'up' });
  });

  it('aborts the signal of a running job on shutdown, and waits for the job to stop', async () => {
    const seen = { abortedAtStart: true, sawAbort: false, stopped: false };
    const running = await startQueue(async (_payload, context) => {
      seen.abortedAtStart = context.signal.aborted;
      await new Promise<void>((resolve) => {
        context.signal.addEventListener(
          'abort',
          () => {
            resolve();
          },
          { once: true },
        );
      });
      seen.sawAbort = true;
      // A long job stops between steps: a little more work after the abort, then it returns.
      await new Promise((resolve) => setTimeout(resolve, 50));
      seen.stopped = true;
    });
    await running.queue.enqueue(QueueName.Imports, { workspaceId: 1, importJobId: 11 }, { jobId: 'import-11' });
    await eventually('the job to start', () => running.runs.length === 1);
    await running.close();
    expect(seen).toEqual({ abortedAtStart: false, sawAbort: true, stopped: true });
  });

  it('gives a new application a signal that is not aborted', async () => {
    // A second application in the same process (tests, or a restart in place) must not inherit the first one's shutdown.
    const first = await startQueue();
    await first.close();
    const signals: boolean[] = [];
    const second = await startQueue((_payload, context) => {
      signals.push(context.signal.aborted);
      return Promise.resolve();
    });
    await second.queue.enqueue(QueueName.Imports, { workspaceId: 1, importJobId: 12 });
    await eventually('the job to run', () => signals.length === 1);
    expect(signals).toEqual([false]);
  });
});
