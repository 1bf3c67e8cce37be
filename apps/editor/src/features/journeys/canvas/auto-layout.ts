import { Graph, layout } from '@dagrejs/dagre';

export interface LayoutNode {
  id: string;
  width: number;
  height: number;
}

export interface LayoutEdge {
  source: string;
  target: string;
}

/** Node sizes before React Flow has measured them (the card's CSS width and a typical height). */
export const DEFAULT_NODE_SIZE = { width: 240, height: 96 };

/**
 * Top-left positions for a left-to-right journey (triggers on the left, as the flow is read) by
 * dagre's layered layout (Sugiyama et al.: rank, order to reduce crossings, then coordinates).
 * Dagre places node centres; React Flow positions are top-left corners.
 */
export function layoutJourney(
  nodes: readonly LayoutNode[],
  edges: readonly LayoutEdge[],
): Map<string, { x: number; y: number }> {
  const graph = new Graph({ multigraph: true });
  graph.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 90, marginx: 20, marginy: 20 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of nodes) graph.setNode(node.id, { width: node.width, height: node.height });
  edges.forEach((edge, index) => {
    if (graph.hasNode(edge.source) && graph.hasNode(edge.target))
      graph.setEdge(edge.source, edge.target, {}, `e${index}`);
  });
  layout(graph);
  const positions = new Map<string, { x: number; y: number }>();
  for (const node of nodes) {
    // dagre's graph is untyped per node: the layout wrote x and y (centres) on every node it was given.
    const placed = graph.node(node.id) as unknown as { x: number; y: number };
    positions.set(node.id, { x: Math.round(placed.x - node.width / 2), y: Math.round(placed.y - node.height / 2) });
  }
  return positions;
}
