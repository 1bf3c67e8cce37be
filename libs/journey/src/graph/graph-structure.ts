import type { JourneyGraph, JourneyNode } from './journey-graph.schema';
import { listInWords, nodeIssue, type JourneyIssue } from './journey-issue';
import { edgeHandle, isTriggerNode, nodeExits } from './node-exits';

/** Nodes by id; the first of two nodes sharing an id stands for it (the second is reported). */
export function nodesById(graph: JourneyGraph): Map<string, JourneyNode> {
  const byId = new Map<string, JourneyNode>();
  for (const node of graph.nodes) if (!byId.has(node.id)) byId.set(node.id, node);
  return byId;
}

export function duplicateIdIssues(graph: JourneyGraph, nodes: Map<string, JourneyNode>): JourneyIssue[] {
  const issues: JourneyIssue[] = [];
  graph.nodes.forEach((node) => {
    const first = nodes.get(node.id)!;
    if (first === node) return;
    issues.push(
      nodeIssue('duplicate-node', node, `another node (${first.type}) already has the id "${node.id}"`, { path: 'id' }),
    );
  });
  const edgeIds = new Set<string>();
  graph.edges.forEach((edge, index) => {
    if (edgeIds.has(edge.id)) {
      issues.push({
        code: 'duplicate-edge',
        message: `Edge "${edge.id}": another edge already has this id`,
        edgeId: edge.id,
        path: `edges.${index}.id`,
      });
    }
    edgeIds.add(edge.id);
  });
  return issues;
}

/** Who enters and where they go: at least one trigger, none entered from inside, each leading on. */
export function triggerIssues(graph: JourneyGraph, nodes: Map<string, JourneyNode>): JourneyIssue[] {
  const triggers = [...nodes.values()].filter(isTriggerNode);
  if (triggers.length === 0) {
    return [{ code: 'no-trigger', message: 'The journey has no trigger: add one to say who enters', path: 'nodes' }];
  }
  const issues: JourneyIssue[] = [];
  for (const trigger of triggers) {
    for (const edge of graph.edges) {
      if (edge.target !== trigger.id) continue;
      issues.push(
        nodeIssue(
          'trigger-has-incoming-edge',
          trigger,
          `a trigger is where customers enter, but edge "${edge.id}" leads into it from "${edge.source}"`,
          { edgeId: edge.id },
        ),
      );
    }
    if (!graph.edges.some((edge) => edge.source === trigger.id && nodes.has(edge.target))) {
      issues.push(nodeIssue('trigger-not-connected', trigger, 'is not connected to a next step'));
    }
  }
  return issues;
}

/** Each edge joins two nodes that exist, leaves by an exit its source has, and alone. */
export function edgeIssues(graph: JourneyGraph, nodes: Map<string, JourneyNode>): JourneyIssue[] {
  const issues: JourneyIssue[] = [];
  const byExit = new Map<string, string[]>();
  graph.edges.forEach((edge, index) => {
    for (const end of ['source', 'target'] as const) {
      if (nodes.has(edge[end])) continue;
      issues.push({
        code: 'dangling-edge',
        message: `Edge "${edge.id}": its ${end} node "${edge[end]}" does not exist`,
        edgeId: edge.id,
        path: `edges.${index}.${end}`,
      });
    }
    const source = nodes.get(edge.source);
    if (!source) return;
    const handle = edgeHandle(edge);
    const exits = nodeExits(exitView(source));
    if (!exits.includes(handle)) {
      issues.push(nodeIssue('unknown-exit', source, unknownExitMessage(edge, handle, exits), { edgeId: edge.id }));
      return;
    }
    const key = `${source.id}\u0000${handle}`;
    byExit.set(key, [...(byExit.get(key) ?? []), edge.id]);
  });
  for (const [key, edgeIds] of byExit) {
    if (edgeIds.length < 2) continue;
    const [nodeId, handle] = key.split('\u0000') as [string, string];
    const ids = edgeIds.map((id) => `"${id}"`);
    issues.push(
      nodeIssue(
        'duplicate-exit-edge',
        nodes.get(nodeId)!,
        `exit "${handle}" has ${edgeIds.length} edges (${listInWords(ids)}); an exit leads to one node`,
        { edgeId: edgeIds[1]! },
      ),
    );
  }
  return issues;
}

function unknownExitMessage(edge: { id: string; sourceHandle?: string }, handle: string, exits: string[]): string {
  if (exits.length === 0) return `has no exits, but edge "${edge.id}" leaves it`;
  const which =
    edge.sourceHandle === undefined
      ? `edge "${edge.id}" names no exit, and the node has no single "${handle}" exit`
      : `has no exit "${handle}" (edge "${edge.id}")`;
  return `${which}; its exits are: ${exits.join(', ')}`;
}

/**
 * The node with only what its exits depend on. `nodeExits` parses a branch's conditions whole,
 * rules included, and a hostile rule nested thousands deep would overflow the stack there; the
 * condition ids alone give the same exits (read loosely when the full parse fails).
 */
function exitView(node: JourneyNode): Pick<JourneyNode, 'type' | 'config'> {
  const { conditions } = node.config;
  if (node.type !== 'branch' || !Array.isArray(conditions)) return node;
  const ids = conditions.map((condition: unknown) =>
    typeof condition === 'object' && condition !== null ? { id: (condition as { id?: unknown }).id } : condition,
  );
  return { type: node.type, config: { conditions: ids } };
}
