import type { MessageChannel } from '@kizuna/channels';
import { fitPropensity, scoreDistribution, scorePropensity } from '@kizuna/scoring';
import { Injectable } from '@nestjs/common';
import { PropensityDatasetRepository } from '../propensity-dataset.repository';
import type { ModelRun } from '../score-models';
import { ANSWER_KINDS, type ScoringSettings } from '../scoring-settings';

/**
 * Response propensity on one channel: an L2 logistic regression on the workspace's sends whose
 * label window has closed (answered = a click, reply, postback or conversion within the window),
 * evaluated on held-out customers, then every active customer scored as of now.
 */
@Injectable()
export class FitPropensityUseCase {
  constructor(private readonly datasets: PropensityDatasetRepository) {}

  async run(
    workspaceId: number,
    channel: MessageChannel,
    at: Date,
    settings: ScoringSettings['propensity'],
  ): Promise<ModelRun> {
    const name = `propensity_${channel}`;
    const dataset = await this.datasets.training(workspaceId, channel, at, settings);
    const fit = fitPropensity(dataset, { l2: settings.l2, heldOutShare: settings.heldOutShare }, name);
    const current = await this.datasets.scoring(workspaceId, at);
    const scores = scorePropensity(fit.model, current.features);
    return {
      parameters: {
        ...fit.model,
        effects: fit.effects,
        label: { answerKinds: ANSWER_KINDS, windowDays: settings.labelWindowDays },
        lookbackDays: settings.lookbackDays,
        heldOutShare: settings.heldOutShare,
      },
      metrics: { ...fit.metrics, scores: { [name]: scoreDistribution(scores) } },
      rows: dataset.responded.length,
      scores: { customerIds: current.customerIds, values: { [name]: scores } },
    };
  }
}
