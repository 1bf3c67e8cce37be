import { MESSAGE_CHANNELS, type MessageChannel } from '@kizuna/channels';
import { z } from 'zod';

/**
 * The models a workspace fits. Each writes one or more score names into customer_score:
 * repeat_purchase -> p_alive, expected_purchases_90d, expected_order_value, clv (BG/NBD + Gamma-Gamma);
 * propensity_<channel> -> propensity_<channel> (P(response to a send on that channel));
 * affinity -> cross_sell_confidence (the best co-purchase confidence of a series not yet bought).
 */
export type ScoreModel =
  | { kind: 'repeat_purchase'; name: 'repeat_purchase' }
  | { kind: 'affinity'; name: 'affinity' }
  | { kind: 'propensity'; name: `propensity_${MessageChannel}`; channel: MessageChannel };

export const PROPENSITY_MODELS = MESSAGE_CHANNELS.map((channel) => `propensity_${channel}` as const);
export const SCORE_MODEL_NAMES = ['repeat_purchase', 'affinity', ...PROPENSITY_MODELS] as const;
export type ScoreModelName = (typeof SCORE_MODEL_NAMES)[number];

export const ScoreModelNameSchema = z.enum(SCORE_MODEL_NAMES, {
  error: (issue) => `unknown model ${JSON.stringify(issue.input)}; models: ${SCORE_MODEL_NAMES.join(', ')}`,
});

export function scoreModel(name: ScoreModelName): ScoreModel {
  if (name === 'repeat_purchase' || name === 'affinity') return { kind: name, name } as ScoreModel;
  const channel = name.slice('propensity_'.length) as MessageChannel;
  return { kind: 'propensity', name: `propensity_${channel}`, channel };
}

/** What a fitted model hands back to be recorded: its parameters, metrics and per-customer scores. */
export interface ModelRun {
  parameters: Record<string, unknown>;
  metrics: Record<string, unknown>;
  /** Rows the model learnt from (sends, customers, baskets). */
  rows: number;
  scores: {
    customerIds: Int32Array;
    /** Score name -> value per customer (same order as customerIds). */
    values: Record<string, Float64Array>;
  };
}
