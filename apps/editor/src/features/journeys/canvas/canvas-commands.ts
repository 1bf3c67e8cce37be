import { nodeExits, type NodeType } from '@kizuna/journey';
import { addNode, connect, type CanvasDocument } from './canvas-document';
import type { Store } from './store';

/** Space between a node and the one added after it. */
const NEXT_NODE_OFFSET = { x: 300, y: 0 };

export function addNodeAt(document: Store<CanvasDocument>, type: NodeType, position: { x: number; y: number }): void {
  document.set((doc) => addNode(doc, type, position));
}

/**
 * Adds a node from the keyboard (the palette's Enter): after the selected node, connected from its
 * first free exit, as Braze and Customer.io do for "add a step here"; with nothing selected, at `fallback`.
 */
export function addNodeAfterSelection(
  document: Store<CanvasDocument>,
  type: NodeType,
  fallback: { x: number; y: number },
): void {
  document.set((doc) => {
    const { nodes, edges } = doc.history.present;
    const selected = nodes.filter((node) => node.selected);
    const anchor = selected.length === 1 ? selected[0]! : null;
    if (!anchor) return addNode(doc, type, fallback);
    const used = new Set(edges.filter((edge) => edge.source === anchor.id).map((edge) => edge.sourceHandle ?? 'next'));
    const exits = nodeExits({ type: anchor.type, config: anchor.data.config });
    const free = exits.find((exit) => !used.has(exit));
    const rank = free ? exits.indexOf(free) : 0;
    const added = addNode(doc, type, {
      x: anchor.position.x + NEXT_NODE_OFFSET.x,
      y: anchor.position.y + NEXT_NODE_OFFSET.y + rank * 140,
    });
    const node = added.history.present.nodes[added.history.present.nodes.length - 1]!;
    return free
      ? connect(added, { source: anchor.id, sourceHandle: free, target: node.id, targetHandle: null })
      : added;
  });
}
