import { DispatchOutboxUseCase } from '../../apps/engine/src/channels/use-cases/dispatch-outbox.use-case';
import { JOB_QUEUE, type JobQueue } from '../../apps/engine/src/infrastructure/queue/job-queue.port';
import { ALL_QUEUES } from '../../apps/engine/src/infrastructure/queue/queue-definitions';
import { JourneyTicker } from '../../apps/engine/src/journeys/journey-ticker';
import type { TestEngine } from './test-engine';

/** Waits until no queue of the test engine has a job waiting, running or delayed. */
export async function waitForQueues(test: TestEngine): Promise<void> {
  const queue = test.engine.app.get<JobQueue>(JOB_QUEUE);
  for (;;) {
    let busy = 0;
    for (const name of ALL_QUEUES) {
      const counts = await queue.counts(name);
      busy += counts.waiting + counts.active + counts.delayed;
    }
    if (busy === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * What the periodic tasks would do by the test clock's time, now: the journey ticker until nothing
 * is due, then the outbox dispatcher, each waiting for the jobs it queued (tests run with
 * KIZUNA_PERIODIC_TASKS=off to decide when time passes).
 */
export async function drainJourneys(test: TestEngine, maxRounds = 100): Promise<void> {
  await waitForQueues(test);
  const ticker = test.engine.app.get(JourneyTicker);
  for (let round = 0; round < maxRounds; round++) {
    const claimed = await ticker.tick();
    await waitForQueues(test);
    if (!claimed) break;
  }
  await test.engine.app.get(DispatchOutboxUseCase).execute();
  await waitForQueues(test);
}
