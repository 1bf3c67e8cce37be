import type { ConsentCondition } from '../../schema/profile-conditions.schema';
import type { RuleSqlContext } from '../rule-sql-context';

/**
 * `consent` is a history: the current state of a channel is its latest row (by recorded_at, then
 * id for two decisions recorded at the same instant), read through the
 * (workspace_id, customer_id, channel, recorded_at DESC) index. No row is `unknown`.
 */
export function consentSql(condition: ConsentCondition, ctx: RuleSqlContext): string {
  const channel = ctx.bind(condition.channel, 'consent_channel');
  const latest =
    `(SELECT cs.status FROM consent cs WHERE cs.workspace_id = ${ctx.workspace} AND cs.customer_id = c.id` +
    ` AND cs.channel = ${channel} ORDER BY cs.recorded_at DESC, cs.id DESC LIMIT 1)`;
  const is = condition.operator === 'is';
  if (condition.status === 'unknown') return `${latest} ${is ? 'IS NULL' : 'IS NOT NULL'}`;
  const status = ctx.bind(condition.status, 'consent_status');
  return `${latest} ${is ? '=' : 'IS DISTINCT FROM'} ${status}`;
}
