import type { JourneyGraph, JourneyNode } from './journey-graph.schema';
import { nodeIssue, type JourneyIssue } from './journey-issue';
import { isTriggerNode } from './node-exits';

/** The graph as index lists: `next[i]` are the nodes edges lead to from `nodes[i]`. */
export interface NodeAdjacency {
  nodes: JourneyNode[];
  next: number[][];
}

/** Follows every edge whose two ends exist (a bad exit is reported on the edge, not again here). */
export function nodeAdjacency(graph: JourneyGraph, byId: Map<string, JourneyNode>): NodeAdjacency {
  const nodes = [...byId.values()];
  const indexOf = new Map(nodes.map((node, index) => [node.id, index]));
  const next = nodes.map((): number[] => []);
  for (const edge of graph.edges) {
    const from = indexOf.get(edge.source);
    const to = indexOf.get(edge.target);
    if (from !== undefined && to !== undefined) next[from]!.push(to);
  }
  return { nodes, next };
}

/** Steps no trigger leads to; left unsaid when there is no trigger at all ('no-trigger' says it). */
export function unreachableIssues({ nodes, next }: NodeAdjacency): JourneyIssue[] {
  const queue = nodes.flatMap((node, index) => (isTriggerNode(node) ? [index] : []));
  if (queue.length === 0) return [];
  const reached = nodes.map(() => false);
  for (const start of queue) reached[start] = true;
  for (let head = 0; head < queue.length; head++) {
    for (const to of next[queue[head]!]!) {
      if (reached[to]) continue;
      reached[to] = true;
      queue.push(to);
    }
  }
  return nodes
    .filter((node, index) => !reached[index] && !isTriggerNode(node))
    .map((node) => nodeIssue('unreachable-node', node, 'cannot be reached from any trigger'));
}
