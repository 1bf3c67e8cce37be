import type { CustomerFieldName } from '../catalogue/customer-fields';
import type { PreferenceMeasure, PurchaseMeasure } from '../catalogue/measures';
import type { MetricFieldName } from '../catalogue/metric-fields';
import type { SqlType } from './rule-sql-context';

/**
 * A catalogue field as SQL: the expression (a constant: identifiers never come from a rule) and
 * its type, which types the parameters it is compared with and tells calendar dates (`date`)
 * from instants (`timestamptz`).
 */
export interface Operand {
  sql: string;
  type: SqlType;
}

export const CUSTOMER_OPERANDS: Readonly<Record<CustomerFieldName, Operand>> = {
  family_name: { sql: 'c.family_name', type: 'text' },
  given_name: { sql: 'c.given_name', type: 'text' },
  family_name_kana: { sql: 'c.family_name_kana', type: 'text' },
  given_name_kana: { sql: 'c.given_name_kana', type: 'text' },
  gender: { sql: 'c.gender', type: 'text' },
  birth_date: { sql: 'c.birth_date', type: 'date' },
  birth_month: { sql: 'EXTRACT(MONTH FROM c.birth_date)::integer', type: 'integer' },
  postal_code: { sql: 'c.postal_code', type: 'text' },
  prefecture: { sql: 'c.prefecture', type: 'text' },
  city: { sql: 'c.city', type: 'text' },
  registered_at: { sql: 'c.registered_at', type: 'timestamptz' },
  created_at: { sql: 'c.created_at', type: 'timestamptz' },
};

/** Columns of `customer_metrics m`. */
export const METRIC_OPERANDS: Readonly<Record<MetricFieldName, Operand>> = {
  recency_days: { sql: 'm.recency_days', type: 'integer' },
  frequency: { sql: 'm.frequency', type: 'integer' },
  monetary: { sql: 'm.monetary', type: 'bigint' },
  purchase_count: { sql: 'm.purchase_count', type: 'integer' },
  trial_orders: { sql: 'm.trial_orders', type: 'integer' },
  revenue: { sql: 'm.revenue', type: 'bigint' },
  returned_amount: { sql: 'm.returned_amount', type: 'bigint' },
  r_score: { sql: 'm.r_score', type: 'integer' },
  f_score: { sql: 'm.f_score', type: 'integer' },
  m_score: { sql: 'm.m_score', type: 'integer' },
  rfm_rank: { sql: 'm.rfm_rank', type: 'text' },
  rf_recency_bucket: { sql: 'm.rf_recency_bucket', type: 'integer' },
  rf_frequency_bucket: { sql: 'm.rf_frequency_bucket', type: 'integer' },
  rf_stage: { sql: 'm.rf_stage', type: 'text' },
  decile: { sql: 'm.decile', type: 'integer' },
  stable_segment: { sql: 'm.stable_segment', type: 'text' },
  usual_interval_days: { sql: 'm.usual_interval_days', type: 'integer' },
  rank_down: { sql: 'm.rank_down', type: 'boolean' },
  expected_loss: { sql: 'm.expected_loss', type: 'integer' },
  first_order_at: { sql: 'm.first_order_at', type: 'timestamptz' },
  last_order_at: { sql: 'm.last_order_at', type: 'timestamptz' },
};

/**
 * Aggregates over the orders `o` of a customer and their lines `l`. A customer without lines has
 * count, amount and quantity 0 (coalesce), and no first or last date.
 */
export const PURCHASE_OPERANDS: Readonly<Record<PurchaseMeasure, Operand>> = {
  count: { sql: 'count(DISTINCT o.id)', type: 'bigint' },
  amount: { sql: 'coalesce(sum(l.amount), 0)', type: 'bigint' },
  quantity: { sql: 'coalesce(sum(l.quantity), 0)', type: 'bigint' },
  first_date: { sql: 'min(o.ordered_at)', type: 'timestamptz' },
  last_date: { sql: 'max(o.ordered_at)', type: 'timestamptz' },
};

/**
 * The same measures over the orders `o` alone, when no filter needs their lines: orders carry
 * their amount and whether they held trial sets only (kept by the importer).
 */
export const ORDER_PURCHASE_OPERANDS: Readonly<Record<Exclude<PurchaseMeasure, 'quantity'>, Operand>> = {
  count: { sql: 'count(*)', type: 'bigint' },
  amount: { sql: 'coalesce(sum(o.amount), 0)', type: 'bigint' },
  first_date: { sql: 'min(o.ordered_at)', type: 'timestamptz' },
  last_date: { sql: 'max(o.ordered_at)', type: 'timestamptz' },
};

/**
 * Of `cp.spend`, a customer's yen on one tag or series (customer_metrics.preferences), and their
 * revenue `pm.revenue`: the share is the one over the other.
 */
export const PREFERENCE_OPERANDS: Readonly<Record<PreferenceMeasure, Operand>> = {
  share: { sql: 'cp.spend::double precision / NULLIF(pm.revenue, 0)', type: 'double precision' },
  spend: { sql: 'cp.spend', type: 'bigint' },
};

export const SCORE_OPERAND: Operand = { sql: 'sc.value', type: 'double precision' };
export const EVENT_COUNT_OPERAND: Operand = { sql: 'count(*)', type: 'bigint' };

/** `operands[name]` for a name read from a rule (an own key only, never the prototype's). */
export function operandOf(operands: Readonly<Record<string, Operand>>, name: string): Operand | undefined {
  return Object.hasOwn(operands, name) ? operands[name] : undefined;
}
