import { edgeHandle, type JourneyGraphInput } from '@kizuna/journey';

type GraphLike = Pick<JourneyGraphInput, 'nodes' | 'edges' | 'reentry'>;

/** One change of a draft against the published version, for the publish confirmation. */
export type GraphChange =
  | { kind: 'first-version'; nodes: number; edges: number }
  | { kind: 'added'; nodeId: string; type: string }
  | { kind: 'removed'; nodeId: string; type: string }
  | { kind: 'retyped'; nodeId: string; from: string; to: string }
  | { kind: 'reconfigured'; nodeId: string; type: string }
  | { kind: 'connected'; source: string; handle: string; target: string }
  | { kind: 'disconnected'; source: string; handle: string; target: string }
  | { kind: 'reentry'; mode: string };

/**
 * What publishing the draft changes, in the engine's terms (apps/engine/src/journeys/journey-diff.ts
 * writes the same list into the version history); settings compared regardless of key order, and
 * moves and labels left out: they change nothing a customer sees.
 */
export function diffGraphs(previous: GraphLike | null, next: GraphLike): GraphChange[] {
  if (!previous) return [{ kind: 'first-version', nodes: next.nodes.length, edges: next.edges.length }];
  const changes: GraphChange[] = [];
  const before = new Map(previous.nodes.map((node) => [node.id, node]));
  const after = new Map(next.nodes.map((node) => [node.id, node]));
  for (const [nodeId, node] of after) {
    const old = before.get(nodeId);
    if (!old) changes.push({ kind: 'added', nodeId, type: node.type });
    else if (old.type !== node.type) changes.push({ kind: 'retyped', nodeId, from: old.type, to: node.type });
    else if (canonical(old.config ?? {}) !== canonical(node.config ?? {}))
      changes.push({ kind: 'reconfigured', nodeId, type: node.type });
  }
  for (const [nodeId, node] of before)
    if (!after.has(nodeId)) changes.push({ kind: 'removed', nodeId, type: node.type });
  const key = (edge: GraphLike['edges'][number]) => JSON.stringify([edge.source, edgeHandle(edge), edge.target]);
  const edgesBefore = new Set(previous.edges.map(key));
  const edgesAfter = new Set(next.edges.map(key));
  for (const edge of next.edges)
    if (!edgesBefore.has(key(edge)))
      changes.push({ kind: 'connected', source: edge.source, handle: edgeHandle(edge), target: edge.target });
  for (const edge of previous.edges)
    if (!edgesAfter.has(key(edge)))
      changes.push({ kind: 'disconnected', source: edge.source, handle: edgeHandle(edge), target: edge.target });
  const reentryBefore = previous.reentry ?? { mode: 'one-at-a-time' };
  const reentryAfter = next.reentry ?? { mode: 'one-at-a-time' };
  if (canonical(reentryBefore) !== canonical(reentryAfter))
    changes.push({ kind: 'reentry', mode: reentryAfter.mode ?? 'one-at-a-time' });
  return changes;
}

/** JSON with object keys sorted, so `{a, b}` and `{b, a}` compare equal. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}
