import type { SegmentRule } from '../schema/segment-rule.schema';
import { assertValidSegmentRule } from '../validation/validate-segment-rule';
import { RuleSqlContext, type RuleScope } from './rule-sql-context';
import { groupSql } from './rule-sql';
import { SqlParams } from './sql-params';

export const DEFAULT_TIME_ZONE = 'Asia/Tokyo';

export interface CompileSegmentRuleOptions {
  /** The placeholder the caller bound the workspace id to, e.g. `$1`. */
  workspaceParam: string;
  /** "Now" for relative windows: the refresh time, or the simulated time of a journey dry run. */
  referenceTime: Date;
  /** The workspace timezone, which says where calendar days begin. */
  timeZone?: string;
  /** The rule's first placeholder; default: the one after the workspace placeholder. */
  firstParamIndex?: number;
  /**
   * Whether the statement evaluates the whole workspace or a few given customers (the default:
   * per-customer index lookups, right for any number of customers but slower for all of them).
   */
  scope?: RuleScope;
}

/** A boolean SQL expression over `customer c` and the values of its placeholders, in order. */
export interface CompiledSegmentRule {
  where: string;
  params: unknown[];
}

const PLACEHOLDER = /^\$([1-9][0-9]*)$/;
const RULE_SCOPES: readonly RuleScope[] = ['workspace', 'customers'];

function checkTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw new RangeError(`"${timeZone}" is not a timezone`);
  }
}

/**
 * Compiles a rule to parameterised SQL: identifiers come from the catalogue, every value of the
 * rule is a parameter. The rule is validated again first (it may come straight from the database).
 */
export function compileSegmentRule(rule: SegmentRule, options: CompileSegmentRuleOptions): CompiledSegmentRule {
  const valid = assertValidSegmentRule(rule);
  const workspaceIndex = PLACEHOLDER.exec(options.workspaceParam)?.[1];
  if (workspaceIndex === undefined) throw new RangeError(`"${options.workspaceParam}" is not a placeholder like $1`);
  if (Number.isNaN(options.referenceTime.getTime())) throw new RangeError('the reference time is not a valid date');
  if (options.scope !== undefined && !RULE_SCOPES.includes(options.scope))
    throw new RangeError(`"${options.scope}" is not a scope (workspace or customers)`);
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  checkTimeZone(timeZone);
  const firstParamIndex = options.firstParamIndex ?? Number(workspaceIndex) + 1;
  if (firstParamIndex <= Number(workspaceIndex)) {
    throw new RangeError(`the rule's placeholders must come after ${options.workspaceParam}`);
  }
  const params = new SqlParams(firstParamIndex);
  const ctx = new RuleSqlContext(params, options.workspaceParam, options.referenceTime, timeZone, options.scope);
  return { where: groupSql(valid.root, ctx), params: params.values };
}
