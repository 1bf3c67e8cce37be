/**
 * The correlated series to recommend to a customer, for `{{ recommendation.series }}` in templates:
 * of the latest affinity fit's series rules ("buyers of A also buy B", kept with lift > 1), the one
 * with the highest confidence whose A the customer buys and whose B they have not bought yet. What
 * they buy is read from customer_metrics.preferences (series spend as of the last analytics refresh),
 * so a send costs one indexed row, not a scan of their order lines. No rule applies: no row, and the
 * template's fallback for `recommendation.series` prints instead.
 *
 * `workspace` and `customer` are SQL expressions of the outer query; `when` gates the lookup (a
 * template that never prints a recommendation does not pay for it).
 */
export function recommendedSeriesSql(workspace: string, customer: string, when = 'true'): string {
  return `SELECT r.consequent AS series, r.confidence, r.lift
      FROM customer_metrics cm
      CROSS JOIN LATERAL jsonb_to_recordset(
        (SELECT f.parameters -> 'series' FROM score_model_fit f
          WHERE f.workspace_id = ${workspace} AND f.model = 'affinity' ORDER BY f.version DESC LIMIT 1)
      ) AS r(antecedent text, consequent text, confidence float8, lift float8)
     WHERE (${when}) AND cm.workspace_id = ${workspace} AND cm.customer_id = ${customer}
       AND cm.preferences -> 'series' ? r.antecedent AND NOT (cm.preferences -> 'series' ? r.consequent)
       AND r.lift > 1
     ORDER BY r.confidence DESC, r.lift DESC, r.consequent
     LIMIT 1`;
}

export interface SeriesRecommendation {
  series: string;
  confidence: number;
  lift: number;
}
