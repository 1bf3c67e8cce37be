import { referencedSegmentIds, validateSegmentRule } from '@kizuna/segments';
import type { JourneyNode } from './journey-graph.schema';
import { nodeIssue, type JourneyIssue } from './journey-issue';

export interface BranchRuleScreen {
  /** The config with each failing rule taken out, for the branch schema to check the rest. */
  config: Record<string, unknown>;
  /** Indexes of the conditions whose rule failed (reported here, not again by the schema). */
  failed: ReadonlySet<number>;
  issues: JourneyIssue[];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A branch condition is a segment rule, checked the way the segment editor checks one: size and
 * depth limits on the raw JSON before any schema recurses into it, the rule language's own
 * messages, and the segments it reads.
 */
export function screenBranchRules(node: JourneyNode, segmentExists?: (segmentId: number) => boolean): BranchRuleScreen {
  const { conditions } = node.config;
  const failed = new Set<number>();
  const issues: JourneyIssue[] = [];
  if (!Array.isArray(conditions)) return { config: node.config, failed, issues };
  const checked = conditions.map((condition: unknown, index) => {
    if (!isRecord(condition)) return condition;
    const path = `config.conditions.${index}.rule`;
    const validation = validateSegmentRule(condition.rule);
    if (validation.ok) {
      const name = typeof condition.id === 'string' ? `"${condition.id}"` : String(index);
      for (const segmentId of segmentExists ? referencedSegmentIds(validation.rule) : []) {
        if (segmentExists?.(segmentId)) continue;
        const message = `condition ${name} reads segment ${segmentId}, which does not exist`;
        issues.push(nodeIssue('unknown-segment', node, message, { path }));
      }
      return condition;
    }
    failed.add(index);
    for (const issue of validation.issues) {
      const at = issue.path ? `${path}.${issue.path}` : path;
      issues.push(nodeIssue('invalid-config', node, `${at}: ${issue.message}`, { path: at }));
    }
    return { ...condition, rule: undefined };
  });
  return { config: { ...node.config, conditions: checked }, failed, issues };
}
