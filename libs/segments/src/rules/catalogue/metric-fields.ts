import { RFM_RANKS } from '../../analyses/rfm-ranks';
import { STABLE_SEGMENTS } from '../../analyses/stable-segments';
import { booleanField, dateField, enumField, numberField, textField } from './field-definition';

const score = { min: 1, max: 5, integer: true };
const count = { min: 0, integer: true };
const yen = { integer: true };

/** Figures of the last analytics refresh (`customer_metrics`, one row per customer). */
export const METRIC_FIELDS = [
  numberField('metric', 'recency_days', count),
  numberField('metric', 'frequency', count),
  numberField('metric', 'monetary', yen),
  numberField('metric', 'purchase_count', count),
  numberField('metric', 'trial_orders', count),
  numberField('metric', 'revenue', yen),
  numberField('metric', 'returned_amount', yen),
  numberField('metric', 'r_score', score),
  numberField('metric', 'f_score', score),
  numberField('metric', 'm_score', score),
  enumField('metric', 'rfm_rank', RFM_RANKS),
  numberField('metric', 'rf_recency_bucket', { min: 0, max: 36, integer: true }),
  numberField('metric', 'rf_frequency_bucket', { min: 0, max: 20, integer: true }),
  // Stage codes are the workspace's own (RF matrix settings): free text, not a closed set.
  textField('metric', 'rf_stage'),
  numberField('metric', 'decile', { min: 1, max: 10, integer: true }),
  enumField('metric', 'stable_segment', STABLE_SEGMENTS),
  numberField('metric', 'usual_interval_days', count),
  booleanField('metric', 'rank_down'),
  numberField('metric', 'expected_loss', yen),
  dateField('metric', 'first_order_at'),
  dateField('metric', 'last_order_at'),
] as const;

export type MetricFieldName = (typeof METRIC_FIELDS)[number]['name'];
