import type { Rule, RuleGroup } from '../schema/segment-rule.schema';
import { eventSql } from './conditions/event.sql';
import { metricSql, preferenceSql, scoreSql } from './conditions/analytics.sql';
import { attributeSql } from './conditions/attribute.sql';
import { consentSql } from './conditions/consent.sql';
import { identitySql } from './conditions/identity.sql';
import { purchaseSql } from './conditions/purchase.sql';
import { segmentMembershipSql } from './conditions/segment.sql';
import type { RuleSqlContext } from './rule-sql-context';

/**
 * A group as one parenthesised boolean. A comparison on a missing value is NULL in SQL, and
 * NOT NULL is NULL again: without the coalesce, "NOT (prefecture = 東京都)" would drop customers
 * with no prefecture. Every condition counts as false when its value is unknown, so NOT turns
 * exactly the non-matching customers into matches.
 */
export function groupSql(group: RuleGroup, ctx: RuleSqlContext): string {
  const joined = group.rules.map((rule) => ruleSql(rule, ctx)).join(group.combinator === 'and' ? ' AND ' : ' OR ');
  return group.negate ? `NOT coalesce((${joined}), false)` : `(${joined})`;
}

export function ruleSql(rule: Rule, ctx: RuleSqlContext): string {
  switch (rule.type) {
    case 'group':
      return groupSql(rule, ctx);
    case 'attribute':
      return attributeSql(rule, ctx);
    case 'identity':
      return identitySql(rule, ctx);
    case 'consent':
      return consentSql(rule, ctx);
    case 'purchase':
      return purchaseSql(rule, ctx);
    case 'metric':
      return metricSql(rule, ctx);
    case 'preference':
      return preferenceSql(rule, ctx);
    case 'score':
      return scoreSql(rule, ctx);
    case 'event':
      return eventSql(rule, ctx);
    case 'segment':
      return segmentMembershipSql(rule, ctx);
  }
}
