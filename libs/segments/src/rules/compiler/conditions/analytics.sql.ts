import { PREFERENCE_MEASURES, SCORE_VALUE } from '../../catalogue/measures';
import { METRIC_FIELDS } from '../../catalogue/metric-fields';
import type { MetricCondition, PreferenceCondition, ScoreCondition } from '../../schema/analytics-conditions.schema';
import { METRIC_OPERANDS, PREFERENCE_OPERANDS, SCORE_OPERAND } from '../operands';
import { optionalRowSql } from '../optional-row-sql';
import { requireField } from '../require-field';
import type { RuleSqlContext } from '../rule-sql-context';

/** `customer_metrics` has one row per customer of the last refresh; new customers have none yet. */
export function metricSql(condition: MetricCondition, ctx: RuleSqlContext): string {
  const { field, operand } = requireField(METRIC_FIELDS, METRIC_OPERANDS, condition.field);
  const keys = [`m.workspace_id = ${ctx.workspace}`, 'm.customer_id = c.id'];
  // Per category (validated: stable_segment only): the value in m.category_segments.
  const perCategory =
    condition.category === undefined
      ? operand
      : { sql: `(m.category_segments ->> ${ctx.bind(condition.category, 'text')})`, type: operand.type };
  return optionalRowSql('customer_metrics m', keys, field, perCategory, condition, ctx);
}

/**
 * The customer's spend on one tag or series in customer_metrics.preferences (one JSON object per
 * customer, written by the analytics refresh); no entry means no spend on it, which matches only
 * `is_not_set`.
 */
export function preferenceSql(condition: PreferenceCondition, ctx: RuleSqlContext): string {
  const { field, operand } = requireField(PREFERENCE_MEASURES, PREFERENCE_OPERANDS, condition.measure ?? 'share');
  const spend = `(pm.preferences -> ${ctx.bind(condition.dimension, 'text')} ->> ${ctx.bind(condition.name, 'text')})::bigint`;
  const keys = [`pm.workspace_id = ${ctx.workspace}`, 'pm.customer_id = c.id'];
  return optionalRowSql(
    `customer_metrics pm CROSS JOIN LATERAL (SELECT ${spend} AS spend) cp`,
    keys,
    field,
    operand,
    condition,
    ctx,
  );
}

/** The scoring jobs keep one row per (customer, model): the latest score. */
export function scoreSql(condition: ScoreCondition, ctx: RuleSqlContext): string {
  const keys = [
    `sc.workspace_id = ${ctx.workspace}`,
    'sc.customer_id = c.id',
    `sc.model = ${ctx.bind(condition.model, 'text')}`,
  ];
  return optionalRowSql('customer_score sc', keys, SCORE_VALUE, SCORE_OPERAND, condition, ctx);
}
