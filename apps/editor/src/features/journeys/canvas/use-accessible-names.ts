import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { JourneyFlowEdge, JourneyFlowNode } from './flow-types';

/**
 * Nodes and edges with accessible names in the UI language (React Flow's default edge name is
 * English, "Edge from a to b"). Cached per object, so a node keeps its named copy until it changes
 * and a drag re-creates one copy per frame, not 300.
 */
export function useAccessibleNames(
  nodes: JourneyFlowNode[],
  edges: JourneyFlowEdge[],
): { nodes: JourneyFlowNode[]; edges: JourneyFlowEdge[] } {
  const { t } = useTranslation();
  const caches = useMemo(
    () => ({
      nodes: new WeakMap<JourneyFlowNode, JourneyFlowNode>(),
      edges: new WeakMap<JourneyFlowEdge, JourneyFlowEdge>(),
    }),
    // A new language names everything again.
    [t],
  );
  const named = useMemo(
    () =>
      nodes.map((node) => {
        let copy = caches.nodes.get(node);
        if (!copy) {
          copy = {
            ...node,
            ariaLabel: t('canvas.node.aria', {
              type: t(`canvas.nodeTypes.${node.type}`),
              label: node.data.label || node.id,
            }),
          };
          caches.nodes.set(node, copy);
        }
        return copy;
      }),
    [nodes, caches, t],
  );
  const namedEdges = useMemo(
    () =>
      edges.map((edge) => {
        let copy = caches.edges.get(edge);
        if (!copy) {
          copy = {
            ...edge,
            ariaLabel: t('canvas.flow.edgeLabel', {
              source: edge.source,
              exit: edge.sourceHandle ?? 'next',
              target: edge.target,
            }),
          };
          caches.edges.set(edge, copy);
        }
        return copy;
      }),
    [edges, caches, t],
  );
  return { nodes: named, edges: namedEdges };
}
