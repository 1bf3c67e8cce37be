import { TRIGGER_NODE_TYPES, type JourneyNode, type TriggerNodeType } from './journey-graph.schema';

/** The exit of a node with only one way on (an edge without a `sourceHandle` leaves by it too). */
export const NEXT = 'next';

export function isTriggerNode(node: Pick<JourneyNode, 'type'>): node is JourneyNode & { type: TriggerNodeType } {
  return (TRIGGER_NODE_TYPES as readonly string[]).includes(node.type);
}

/**
 * The named exits of a node, in order: the handles its outgoing edges leave by. Read from the
 * config loosely, so a draft with a half-filled branch still shows its exits.
 */
export function nodeExits(node: Pick<JourneyNode, 'type' | 'config'>): string[] {
  switch (node.type) {
    case 'wait-for-event':
      return ['happened', 'timeout'];
    case 'branch':
      // Only the ids: parsing the rules here would walk them (a hostile rule can be very deep).
      return [...looseIds(node.config.conditions), 'else'];
    case 'split':
      return looseIds(node.config.arms);
    case 'holdout':
      return ['treatment', 'control'];
    case 'goal':
    case 'exit':
      return [];
    default:
      return [NEXT];
  }
}

function looseIds(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((item) =>
    typeof item === 'object' && item !== null && typeof (item as { id?: unknown }).id === 'string'
      ? [(item as { id: string }).id]
      : [],
  );
}

/** The handle an edge leaves by, with the single-exit default filled in. */
export function edgeHandle(edge: { sourceHandle?: string | undefined }): string {
  return edge.sourceHandle ?? NEXT;
}
