import type { IdentityCondition } from '../../schema/profile-conditions.schema';
import type { RuleSqlContext } from '../rule-sql-context';

export function identitySql(condition: IdentityCondition, ctx: RuleSqlContext): string {
  const where = [
    `i.workspace_id = ${ctx.workspace}`,
    'i.customer_id = c.id',
    `i.kind = ${ctx.bind(condition.kind, 'identity_kind')}`,
  ];
  if (condition.source !== undefined) where.push(`i.source = ${ctx.bind(condition.source, 'text')}`);
  const exists = `EXISTS (SELECT 1 FROM customer_identity i WHERE ${where.join(' AND ')})`;
  return condition.operator === 'has' ? exists : `NOT ${exists}`;
}
