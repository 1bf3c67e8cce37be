import type { FlowSnapshot } from './flow-types';

/** Customers per edge of a dry run: the engine counts by "source:handle", the canvas draws by edge id. */
export function edgeCountsById(
  edges: FlowSnapshot['edges'],
  counts: Readonly<Record<string, number>>,
): Map<string, number> {
  const byId = new Map<string, number>();
  for (const edge of edges) {
    const count = counts[`${edge.source}:${edge.sourceHandle ?? 'next'}`];
    if (count !== undefined) byId.set(edge.id, count);
  }
  return byId;
}

/** `GET /v1/journeys/:id/stats`: one row per node. */
export interface NodeStatisticsRow {
  nodeId: string;
  entered: number;
  waiting: number;
  messages: Record<string, number>;
  responses?: Record<string, number>;
}

export interface NodeFigures {
  entered: number;
  waiting: number;
  /** Messages that left: sent, and those since delivered or bounced. */
  sent: number;
  delivered: number;
  opened: number;
  clicked: number;
  converted: number;
}

/** The figures a node card shows once the journey runs (a message's status is its latest, so sent includes delivered). */
export function nodeFigures(rows: readonly NodeStatisticsRow[]): Map<string, NodeFigures> {
  return new Map(
    rows.map((row) => {
      const m = row.messages;
      const r = row.responses ?? {};
      return [
        row.nodeId,
        {
          entered: row.entered,
          waiting: row.waiting,
          sent: (m['sent'] ?? 0) + (m['delivered'] ?? 0) + (m['bounced'] ?? 0),
          delivered: m['delivered'] ?? 0,
          opened: r['opened'] ?? 0,
          clicked: r['clicked'] ?? 0,
          converted: r['converted'] ?? 0,
        },
      ];
    }),
  );
}
