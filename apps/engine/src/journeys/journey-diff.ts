import type { JourneyGraph } from '@kizuna/journey';

/**
 * What a new version changes against the previous one, in words for the publish history and the
 * editor's confirmation: nodes added, removed or reconfigured, connections added or removed.
 */
export function summariseChanges(previous: JourneyGraph | null, next: JourneyGraph): string[] {
  if (!previous) return [`first version: ${next.nodes.length} nodes, ${next.edges.length} connections`];
  const changes: string[] = [];
  const before = new Map(previous.nodes.map((n) => [n.id, n]));
  const after = new Map(next.nodes.map((n) => [n.id, n]));
  for (const [id, node] of after) {
    const old = before.get(id);
    if (!old) changes.push(`added ${node.type} "${id}"`);
    else if (old.type !== node.type) changes.push(`changed "${id}" from ${old.type} to ${node.type}`);
    else if (JSON.stringify(old.config) !== JSON.stringify(node.config))
      changes.push(`changed settings of ${node.type} "${id}"`);
  }
  for (const [id, node] of before) if (!after.has(id)) changes.push(`removed ${node.type} "${id}"`);
  const edgeKey = (e: JourneyGraph['edges'][number]) => `${e.source}:${e.sourceHandle ?? 'next'}->${e.target}`;
  const edgesBefore = new Set(previous.edges.map(edgeKey));
  const edgesAfter = new Set(next.edges.map(edgeKey));
  for (const key of edgesAfter) if (!edgesBefore.has(key)) changes.push(`connected ${key}`);
  for (const key of edgesBefore) if (!edgesAfter.has(key)) changes.push(`disconnected ${key}`);
  if (JSON.stringify(previous.reentry) !== JSON.stringify(next.reentry))
    changes.push(`re-entry is now ${next.reentry.mode}`);
  return changes.length ? changes : ['no changes'];
}
