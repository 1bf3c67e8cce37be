import { isTriggerNode, nodeExits, type NodeType } from '@kizuna/journey';
import { applyEdgeChanges, applyNodeChanges, type Connection, type EdgeChange, type NodeChange } from '@xyflow/react';
import { pasteClip, type Clip } from './clipboard';
import { edgeId, newNodeId } from './flow-graph';
import type { FlowSnapshot, JourneyFlowEdge, JourneyFlowNode, JourneyNodeData } from './flow-types';
import { checkpoint, createHistory, record, redo, replace, undo, type History } from './history';
import { defaultConfig } from './node-defaults';

/**
 * The journey being edited: its undo history (the present is what the canvas shows) and two
 * counters that tell the rest of the page what changed: `revision` (anything saved: autosave) and
 * `structureRevision` (anything validation reads: nodes, configs, edges; not moves).
 */
export interface CanvasDocument {
  history: History<FlowSnapshot>;
  reentry: unknown;
  revision: number;
  structureRevision: number;
  /** A node drag is under way: its frames replace the present instead of adding undo steps. */
  dragging: boolean;
}

export function createDocument(flow: FlowSnapshot, reentry: unknown): CanvasDocument {
  return { history: createHistory(flow), reentry, revision: 0, structureRevision: 0, dragging: false };
}

type Change = 'none' | 'view' | 'layout' | 'structure';

function commit(
  doc: CanvasDocument,
  next: FlowSnapshot,
  change: Change,
  coalesce: string | null = null,
): CanvasDocument {
  if (change === 'none') return doc;
  const history =
    change === 'view' || (change === 'layout' && doc.dragging)
      ? replace(doc.history, next)
      : record(doc.history, next, coalesce);
  return {
    ...doc,
    history,
    revision: change === 'view' ? doc.revision : doc.revision + 1,
    structureRevision: change === 'structure' ? doc.structureRevision + 1 : doc.structureRevision,
  };
}

/**
 * React Flow's node changes: moves, selection, measured sizes, removals (with the removed nodes'
 * edges). `deletion` names one deletion: React Flow reports a deleted node's edges and the node in
 * two calls, which make one undo step when they carry the same name.
 */
export function changeNodes(
  doc: CanvasDocument,
  changes: NodeChange<JourneyFlowNode>[],
  deletion: string | null = null,
): CanvasDocument {
  const present = doc.history.present;
  const nodes = applyNodeChanges(changes, present.nodes);
  let change: Change = 'view';
  if (changes.some((c) => c.type === 'remove' || c.type === 'add' || c.type === 'replace')) change = 'structure';
  else if (changes.some((c) => c.type === 'position' && c.position)) change = 'layout';
  let edges = present.edges;
  if (change === 'structure') {
    const ids = new Set(nodes.map((node) => node.id));
    edges = edges.filter((edge) => ids.has(edge.source) && ids.has(edge.target));
  }
  // Keyboard moves (arrow keys) arrive one change per press: one undo step for the run.
  const coalesce = change === 'layout' ? 'move' : changes.some((c) => c.type === 'remove') ? deletion : null;
  return commit(doc, { nodes, edges }, change, coalesce);
}

export function changeEdges(
  doc: CanvasDocument,
  changes: EdgeChange<JourneyFlowEdge>[],
  deletion: string | null = null,
): CanvasDocument {
  const present = doc.history.present;
  const edges = applyEdgeChanges(changes, present.edges);
  if (edges.length === present.edges.length && changes.every((c) => c.type === 'remove')) return doc;
  const change: Change = changes.some((c) => c.type !== 'select') ? 'structure' : 'view';
  return commit(
    doc,
    { nodes: present.nodes, edges },
    change,
    changes.some((c) => c.type === 'remove') ? deletion : null,
  );
}

export function startDrag(doc: CanvasDocument): CanvasDocument {
  return { ...doc, history: checkpoint(doc.history), dragging: true };
}

export function endDrag(doc: CanvasDocument): CanvasDocument {
  return { ...doc, dragging: false };
}

/** Whether an edge may be drawn: not into a trigger, not onto its own node, from an exit the node has. */
export function canConnect(flow: FlowSnapshot, connection: Connection | JourneyFlowEdge): boolean {
  if (connection.source === connection.target) return false;
  const source = flow.nodes.find((node) => node.id === connection.source);
  const target = flow.nodes.find((node) => node.id === connection.target);
  if (!source || !target || isTriggerNode(target)) return false;
  return nodeExits({ type: source.type, config: source.data.config }).includes(connection.sourceHandle ?? 'next');
}

/** A new edge; one already leaving by the same exit is replaced (an exit leads to one place). */
export function connect(doc: CanvasDocument, connection: Connection): CanvasDocument {
  const present = doc.history.present;
  if (!canConnect(present, connection)) return doc;
  const handle = connection.sourceHandle ?? 'next';
  const edge: JourneyFlowEdge = {
    id: edgeId(connection.source, handle, connection.target),
    type: 'journey',
    source: connection.source,
    sourceHandle: handle,
    target: connection.target,
  };
  const edges = present.edges.filter((e) => !(e.source === edge.source && (e.sourceHandle ?? 'next') === handle));
  return commit(doc, { nodes: present.nodes, edges: [...edges, edge] }, 'structure');
}

/** A node of `type` at `position`, selected alone so its form opens. */
export function addNode(doc: CanvasDocument, type: NodeType, position: { x: number; y: number }): CanvasDocument {
  const present = doc.history.present;
  const id = newNodeId(type, new Set(present.nodes.map((node) => node.id)));
  const node: JourneyFlowNode = { id, type, position, data: { config: defaultConfig(type) }, selected: true };
  const nodes = [...present.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), node];
  return commit(doc, { nodes, edges: present.edges }, 'structure');
}

/**
 * A node's label or config from its form. Edges leaving by an exit the node no longer has (a
 * removed branch condition) go with it. Typing in one field is one undo step (`coalesce`).
 */
export function updateNodeData(
  doc: CanvasDocument,
  nodeId: string,
  data: JourneyNodeData,
  coalesce: string,
): CanvasDocument {
  const present = doc.history.present;
  const node = present.nodes.find((n) => n.id === nodeId);
  if (!node) return doc;
  const exits = new Set(nodeExits({ type: node.type, config: data.config }));
  const edges = present.edges.filter((e) => e.source !== nodeId || exits.has(e.sourceHandle ?? 'next'));
  const nodes = present.nodes.map((n) => (n.id === nodeId ? { ...n, data } : n));
  return commit(
    doc,
    { nodes, edges: edges.length === present.edges.length ? present.edges : edges },
    'structure',
    coalesce,
  );
}

export function setReentry(doc: CanvasDocument, reentry: unknown): CanvasDocument {
  return { ...doc, reentry, revision: doc.revision + 1, structureRevision: doc.structureRevision + 1 };
}

export function deleteSelected(doc: CanvasDocument): CanvasDocument {
  const present = doc.history.present;
  const nodes = present.nodes.filter((node) => !node.selected);
  const ids = new Set(nodes.map((node) => node.id));
  const edges = present.edges.filter((edge) => !edge.selected && ids.has(edge.source) && ids.has(edge.target));
  if (nodes.length === present.nodes.length && edges.length === present.edges.length) return doc;
  return commit(doc, { nodes, edges }, 'structure');
}

export function paste(doc: CanvasDocument, clip: Clip, offset: { x: number; y: number }): CanvasDocument {
  return commit(doc, pasteClip(doc.history.present, clip, offset), 'structure');
}

export function moveNodes(
  doc: CanvasDocument,
  positions: ReadonlyMap<string, { x: number; y: number }>,
): CanvasDocument {
  const present = doc.history.present;
  const nodes = present.nodes.map((node) => {
    const position = positions.get(node.id);
    return position ? { ...node, position } : node;
  });
  return commit(doc, { nodes, edges: present.edges }, 'layout');
}

/** Selects one node (from the issue list), or none. */
export function selectNode(doc: CanvasDocument, nodeId: string | null): CanvasDocument {
  const present = doc.history.present;
  const nodes = present.nodes.map((node) =>
    (node.id === nodeId) === Boolean(node.selected) ? node : { ...node, selected: node.id === nodeId },
  );
  return commit(doc, { nodes, edges: present.edges }, 'view');
}

export function undoDocument(doc: CanvasDocument): CanvasDocument {
  const history = undo(doc.history);
  if (history === doc.history) return doc;
  return { ...doc, history, revision: doc.revision + 1, structureRevision: doc.structureRevision + 1 };
}

export function redoDocument(doc: CanvasDocument): CanvasDocument {
  const history = redo(doc.history);
  if (history === doc.history) return doc;
  return { ...doc, history, revision: doc.revision + 1, structureRevision: doc.structureRevision + 1 };
}
