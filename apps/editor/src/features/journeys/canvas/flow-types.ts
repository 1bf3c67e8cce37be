import type { NodeType } from '@kizuna/journey';
import type { Edge, Node } from '@xyflow/react';

/** What a canvas node carries: the journey node's label and config (read loosely: a draft may be half-filled). */
export interface JourneyNodeData extends Record<string, unknown> {
  label?: string;
  config: Record<string, unknown>;
}

/** A journey node on the canvas: React Flow's `type` is the journey node type, so `nodeTypes` maps each to its card. */
export type JourneyFlowNode = Node<JourneyNodeData, NodeType>;

/** An edge leaves by a named exit of its source (`sourceHandle`, always set on the canvas). */
export type JourneyFlowEdge = Edge<Record<string, never>, 'journey'>;

/** The part of the canvas that is the journey: what is saved, undone and redone. */
export interface FlowSnapshot {
  nodes: JourneyFlowNode[];
  edges: JourneyFlowEdge[];
}
