import type { JourneyNode } from './journey-graph.schema';

export type JourneyIssueCode =
  | 'invalid-graph'
  | 'duplicate-node'
  | 'duplicate-edge'
  | 'no-trigger'
  | 'trigger-has-incoming-edge'
  | 'trigger-not-connected'
  | 'unreachable-node'
  | 'dangling-edge'
  | 'unknown-exit'
  | 'duplicate-exit-edge'
  | 'missing-config'
  | 'invalid-config'
  | 'cycle-without-wait'
  | 'wait-for-event-without-timeout'
  | 'split-weights'
  | 'send-without-template'
  | 'invalid-schedule'
  | 'unknown-segment'
  | 'unknown-template';

/**
 * One problem of a journey graph, for the editor to show on the node or edge it concerns. `path` is
 * within the node when `nodeId` is set (`config.duration.amount`), else within the graph
 * (`edges.3.target`).
 */
export interface JourneyIssue {
  code: JourneyIssueCode;
  message: string;
  nodeId?: string;
  edgeId?: string;
  path?: string;
}

/** How every message names its node: `Node "send-1" (send)`. */
export function nodeLabel(node: Pick<JourneyNode, 'id' | 'type'>): string {
  return `Node "${node.id}" (${node.type})`;
}

export function nodeIssue(
  code: JourneyIssueCode,
  node: Pick<JourneyNode, 'id' | 'type'>,
  message: string,
  where: { path?: string; edgeId?: string } = {},
): JourneyIssue {
  return { code, message: `${nodeLabel(node)}: ${message}`, nodeId: node.id, ...where };
}

/** "a", "a and b", "a, b and c". */
export function listInWords(items: readonly string[], conjunction = 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]!}`;
}
