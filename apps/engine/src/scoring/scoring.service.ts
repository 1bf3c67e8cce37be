import { NotFoundError, type Clock } from '@kizuna/shared';
import { Inject, Injectable } from '@nestjs/common';
import { CLOCK } from '../infrastructure/clock.provider';
import { JOB_QUEUE, type JobQueue } from '../infrastructure/queue/job-queue.port';
import { QueueName } from '../infrastructure/queue/queue-definitions';
import { CustomerScoreRepository, type CustomerScoreRow } from './customer-score.repository';
import { withChanges } from './fit-history';
import { ScoreFitRepository } from './score-fit.repository';
import type { ScoreModelName } from './score-models';
import type { AffinityQuery, ModelsQuery } from './scoring-input.schema';
import type { NamedAffinityRule } from './use-cases/fit-affinity.use-case';

/** What the scores API and CLI read: fits with their changes, a customer's scores, affinity pairs. */
@Injectable()
export class ScoringService {
  constructor(
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly fits: ScoreFitRepository,
    private readonly scores: CustomerScoreRepository,
  ) {}

  /** Queues a fit (for the worker processes); a fit finishing after now makes it moot. */
  async queueFit(workspaceId: number, model: ScoreModelName): Promise<{ queued: true; model: ScoreModelName }> {
    const requestedAt = this.clock.now().toISOString();
    await this.queue.enqueue(QueueName.Scoring, { workspaceId, model, requestedAt, reason: 'request' });
    return { queued: true, model };
  }

  /** Fits newest first, each with how AUC and mean scores moved since the previous fit of its model. */
  async models(workspaceId: number, query: ModelsQuery) {
    // One more per model would be needed to compare the oldest listed fit; the change is null there.
    const fits = await this.fits.list(workspaceId, {
      ...(query.model ? { model: query.model } : {}),
      limit: query.limit,
    });
    return { items: withChanges(fits) };
  }

  async customerScores(
    workspaceId: number,
    customerId: number,
  ): Promise<{ customerId: number; scores: CustomerScoreRow[] }> {
    if (!(await this.scores.customerExists(workspaceId, customerId))) throw new NotFoundError('customer', customerId);
    return { customerId, scores: await this.scores.forCustomer(workspaceId, customerId) };
  }

  /** The latest affinity fit's pairs, highest lift first; from one item when `item` is given. */
  async affinity(workspaceId: number, query: AffinityQuery) {
    const fit = await this.fits.latest(workspaceId, 'affinity');
    if (!fit) throw new NotFoundError('score model', 'affinity (not fitted yet: POST /api/v1/scores/fit/affinity)');
    const rules = (fit.parameters[query.level === 'series' ? 'series' : 'products'] ?? []) as NamedAffinityRule[];
    const pairs = rules
      .filter((rule) => query.item === undefined || rule.antecedent === query.item)
      .slice(0, query.limit);
    return { version: fit.version, fittedAt: fit.fittedAt, level: query.level, customers: fit.rows, pairs };
  }
}
