import type { SegmentCondition } from '../../schema/profile-conditions.schema';
import type { RuleSqlContext } from '../rule-sql-context';

/** Current members only: a stay that has not ended (`exited_at IS NULL`). */
export function segmentMembershipSql(condition: SegmentCondition, ctx: RuleSqlContext): string {
  const exists =
    `EXISTS (SELECT 1 FROM segment_membership sm WHERE sm.workspace_id = ${ctx.workspace}` +
    ` AND sm.segment_id = ${ctx.bind(condition.segmentId, 'integer')} AND sm.customer_id = c.id` +
    ' AND sm.exited_at IS NULL)';
  return condition.operator === 'member' ? exists : `NOT ${exists}`;
}
