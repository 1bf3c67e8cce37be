import { edgeId, newNodeId } from './flow-graph';
import type { FlowSnapshot, JourneyFlowEdge, JourneyFlowNode } from './flow-types';

/** Copied nodes and the edges between them (an edge to a node left behind is not copied). */
export interface Clip {
  nodes: JourneyFlowNode[];
  edges: JourneyFlowEdge[];
}

export function copySelection(flow: FlowSnapshot): Clip | null {
  const nodes = flow.nodes.filter((node) => node.selected);
  if (nodes.length === 0) return null;
  const ids = new Set(nodes.map((node) => node.id));
  const edges = flow.edges.filter((edge) => ids.has(edge.source) && ids.has(edge.target));
  return { nodes, edges };
}

/**
 * The clip's nodes and edges as new ones in `flow`: fresh ids (the type and the next free number),
 * moved by `offset`, and selected in place of the current selection so they can be dragged at once.
 */
export function pasteClip(flow: FlowSnapshot, clip: Clip, offset: { x: number; y: number }): FlowSnapshot {
  const taken = new Set(flow.nodes.map((node) => node.id));
  const renamed = new Map<string, string>();
  const pasted = clip.nodes.map((node): JourneyFlowNode => {
    const id = newNodeId(node.type, taken);
    taken.add(id);
    renamed.set(node.id, id);
    return {
      id,
      type: node.type,
      position: { x: node.position.x + offset.x, y: node.position.y + offset.y },
      data: structuredClone(node.data),
      selected: true,
    };
  });
  const edges = clip.edges.map((edge): JourneyFlowEdge => {
    const source = renamed.get(edge.source)!;
    const target = renamed.get(edge.target)!;
    const handle = edge.sourceHandle ?? 'next';
    return { id: edgeId(source, handle, target), type: 'journey', source, sourceHandle: handle, target };
  });
  return {
    nodes: [...flow.nodes.map((node) => (node.selected ? { ...node, selected: false } : node)), ...pasted],
    edges: [...flow.edges.map((edge) => (edge.selected ? { ...edge, selected: false } : edge)), ...edges],
  };
}
