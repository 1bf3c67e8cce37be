import { compileSegmentRule } from '../compiler/compile-segment-rule';
import type { SegmentRule } from '../schema/segment-rule.schema';

/** A statement for `pool.query(text, values)`. */
export interface SqlQuery {
  text: string;
  values: unknown[];
}

export interface SegmentQueryOptions {
  workspaceId: number;
  referenceTime: Date;
  timeZone?: string;
  /** Only these customers: a journey branch checks the few customers waiting at it. */
  customerIds?: readonly number[];
}

export interface SegmentMembersQueryOptions extends SegmentQueryOptions {
  /** At most this many ids, lowest first (a preview's sample). */
  limit?: number;
}

function requirePositiveInteger(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 1)
    throw new RangeError(`${what} must be a positive integer, not ${value}`);
}

/** `FROM customer c WHERE ...`: active customers of the workspace (merged records never match). */
function customersMatching(rule: SegmentRule, options: SegmentQueryOptions, values: unknown[]): string {
  requirePositiveInteger(options.workspaceId, 'workspaceId');
  values.push(options.workspaceId);
  let text = `FROM customer c WHERE c.workspace_id = $1 AND c.status = 'active'`;
  if (options.customerIds) {
    options.customerIds.forEach((id) => requirePositiveInteger(id, 'a customer id'));
    values.push([...options.customerIds]);
    text += ` AND c.id = ANY($${values.length}::integer[])`;
  }
  const compiled = compileSegmentRule(rule, {
    workspaceParam: '$1',
    referenceTime: options.referenceTime,
    timeZone: options.timeZone,
    firstParamIndex: values.length + 1,
    scope: options.customerIds ? 'customers' : 'workspace',
  });
  values.push(...compiled.params);
  return `${text} AND ${compiled.where}`;
}

/** The ids of the customers a rule selects (a refresh, a preview sample, a branch check). */
export function segmentMembersQuery(rule: SegmentRule, options: SegmentMembersQueryOptions): SqlQuery {
  const values: unknown[] = [];
  let text = `SELECT c.id ${customersMatching(rule, options, values)}`;
  if (options.limit !== undefined) {
    requirePositiveInteger(options.limit, 'limit');
    values.push(options.limit);
    text += ` ORDER BY c.id LIMIT $${values.length}`;
  }
  return { text, values };
}

/** How many customers a rule selects, as `count` (an integer). */
export function segmentCountQuery(rule: SegmentRule, options: SegmentQueryOptions): SqlQuery {
  const values: unknown[] = [];
  const text = `SELECT count(*)::integer AS count ${customersMatching(rule, options, values)}`;
  return { text, values };
}

export interface SegmentPreviewQueryOptions extends SegmentQueryOptions {
  /** How many of the matching ids to return, lowest first (0: none). */
  sampleSize: number;
}

/**
 * How many customers a rule selects and the lowest `sampleSize` of their ids, in one statement:
 * one evaluation of the rule (parallel workers share it) and one snapshot, so the sample is drawn
 * from the customers counted. One row: `count` (an integer) and `sample` (integer[], in id order).
 */
export function segmentPreviewQuery(rule: SegmentRule, options: SegmentPreviewQueryOptions): SqlQuery {
  if (!Number.isSafeInteger(options.sampleSize) || options.sampleSize < 0)
    throw new RangeError(`sampleSize must be a non-negative integer, not ${options.sampleSize}`);
  const values: unknown[] = [];
  const matching = customersMatching(rule, options, values);
  values.push(options.sampleSize);
  const sample = `coalesce((array_agg(c.id ORDER BY c.id))[1:$${values.length}::integer], '{}')`;
  return { text: `SELECT count(*)::integer AS count, ${sample} AS sample ${matching}`, values };
}
