import { JOURNEY_GRAPH_VERSION, NEXT, NODE_TYPES, type JourneyGraphInput, type NodeType } from '@kizuna/journey';
import type { FlowSnapshot, JourneyFlowEdge, JourneyFlowNode } from './flow-types';

/** Where nodes without a saved position go before auto-layout: a grid wide enough to read. */
const GRID_COLUMNS = 8;
const GRID_X = 280;
const GRID_Y = 180;

export interface FlowFromGraph extends FlowSnapshot {
  /** The graph's re-entry settings, kept as they are (the canvas does not draw them). */
  reentry: unknown;
  /** Some node had no position: the canvas lays the graph out once on opening. */
  needsLayout: boolean;
  /** Nodes of a type this editor does not know, left out (their ids, to tell the marketer). */
  dropped: string[];
}

const knownTypes: ReadonlySet<string> = new Set(NODE_TYPES);

/**
 * A saved draft as canvas nodes and edges. Read leniently (a draft is any JSON the editor saved):
 * unknown node types are dropped and reported, a missing position is put on a grid.
 */
export function graphToFlow(draft: unknown): FlowFromGraph {
  const record = isRecord(draft) ? draft : {};
  const rawNodes = Array.isArray(record['nodes']) ? (record['nodes'] as unknown[]) : [];
  const rawEdges = Array.isArray(record['edges']) ? (record['edges'] as unknown[]) : [];
  const nodes: JourneyFlowNode[] = [];
  const dropped: string[] = [];
  let needsLayout = false;
  rawNodes.forEach((raw, index) => {
    if (!isRecord(raw)) return;
    const id = typeof raw['id'] === 'string' ? raw['id'] : `node-${index + 1}`;
    const type = raw['type'];
    if (typeof type !== 'string' || !knownTypes.has(type)) {
      dropped.push(id);
      return;
    }
    const position = readPosition(raw['position']);
    if (!position) needsLayout = true;
    nodes.push({
      id,
      type: type as NodeType,
      position: position ?? { x: (index % GRID_COLUMNS) * GRID_X, y: Math.floor(index / GRID_COLUMNS) * GRID_Y },
      data: {
        ...(typeof raw['label'] === 'string' ? { label: raw['label'] } : {}),
        config: isRecord(raw['config']) ? raw['config'] : {},
      },
    });
  });
  const edges: JourneyFlowEdge[] = rawEdges.flatMap((raw, index): JourneyFlowEdge[] => {
    if (!isRecord(raw) || typeof raw['source'] !== 'string' || typeof raw['target'] !== 'string') return [];
    const sourceHandle = typeof raw['sourceHandle'] === 'string' ? raw['sourceHandle'] : NEXT;
    return [
      {
        id: typeof raw['id'] === 'string' ? raw['id'] : `edge-${index + 1}`,
        type: 'journey',
        source: raw['source'],
        sourceHandle,
        target: raw['target'],
      },
    ];
  });
  return { nodes, edges, reentry: record['reentry'], needsLayout, dropped };
}

/**
 * The canvas as a journey graph to save, validate or simulate. Positions are rounded (a saved draft
 * need not carry sub-pixel drags); the single exit "next" is left implicit, as the scenarios write it.
 */
export function flowToGraph(flow: FlowSnapshot, reentry: unknown): JourneyGraphInput {
  return {
    version: JOURNEY_GRAPH_VERSION,
    ...(reentry === undefined ? {} : { reentry: reentry as JourneyGraphInput['reentry'] }),
    nodes: flow.nodes.map((node) => ({
      id: node.id,
      type: node.type,
      ...(node.data.label ? { label: node.data.label } : {}),
      position: { x: Math.round(node.position.x), y: Math.round(node.position.y) },
      config: node.data.config,
    })),
    edges: flow.edges.map((edge) => ({
      id: edge.id,
      source: edge.source,
      ...(edge.sourceHandle && edge.sourceHandle !== NEXT ? { sourceHandle: edge.sourceHandle } : {}),
      target: edge.target,
    })),
  };
}

/** An edge id that says what it connects, within the schema's 130 characters. */
export function edgeId(source: string, handle: string, target: string): string {
  return `${source}.${handle}-${target}`.slice(0, 130);
}

/** A node id for a new node of this type: its type in the id's alphabet and the next free number. */
export function newNodeId(type: NodeType, taken: ReadonlySet<string>): string {
  const prefix = type.replace('trigger.', 'trigger-');
  for (let n = 1; ; n++) {
    const id = `${prefix}-${n}`;
    if (!taken.has(id)) return id;
  }
}

function readPosition(value: unknown): { x: number; y: number } | null {
  if (!isRecord(value)) return null;
  const { x, y } = value;
  return typeof x === 'number' && typeof y === 'number' && Number.isFinite(x) && Number.isFinite(y) ? { x, y } : null;
}

/** A JSON scalar as text, anything else as empty (a malformed draft may hold objects anywhere). */
export function scalarText(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
