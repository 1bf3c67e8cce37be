import {
  nodeConfigSchemas,
  type JourneyGraph,
  type JourneyNode,
  type NodeConfig,
  type NodeType,
} from './journey-graph.schema';
import { edgeHandle } from './node-exits';

/** A node whose config has been parsed against its type's schema. */
export type ParsedNode = {
  [T in NodeType]: Omit<JourneyNode, 'type' | 'config'> & { type: T; config: NodeConfig<T> };
}[NodeType];

/**
 * A published graph ready to run: nodes by id with parsed configs and the target of each exit.
 * Built once per version (the engine caches it), so a step is a few map lookups.
 */
export class JourneyIndex {
  private readonly nodes = new Map<string, ParsedNode>();
  private readonly targets = new Map<string, string>();

  constructor(readonly graph: JourneyGraph) {
    for (const node of graph.nodes) {
      const schema = nodeConfigSchemas[node.type];
      const parsed = schema.safeParse(node.config);
      if (!parsed.success) {
        throw new RangeError(
          `node "${node.id}" (${node.type}) has an invalid config: ${parsed.error.issues[0]?.message}`,
        );
      }
      this.nodes.set(node.id, { ...node, config: parsed.data } as ParsedNode);
    }
    for (const edge of graph.edges) this.targets.set(`${edge.source}\u0000${edgeHandle(edge)}`, edge.target);
  }

  node(id: string): ParsedNode | undefined {
    return this.nodes.get(id);
  }

  /** Where the exit `handle` of node `id` leads, or undefined when nothing is connected (the path ends). */
  target(id: string, handle: string): string | undefined {
    return this.targets.get(`${id}\u0000${handle}`);
  }

  allNodes(): ParsedNode[] {
    return [...this.nodes.values()];
  }

  nodesOfType<T extends NodeType>(type: T): Extract<ParsedNode, { type: T }>[] {
    return this.allNodes().filter((node): node is Extract<ParsedNode, { type: T }> => node.type === type);
  }
}
