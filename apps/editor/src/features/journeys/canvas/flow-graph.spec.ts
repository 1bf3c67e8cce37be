import { edgeId, flowToGraph, graphToFlow, newNodeId } from './flow-graph';

const draft = {
  version: 1,
  reentry: { mode: 'once' },
  nodes: [
    {
      id: 'start',
      type: 'trigger.event',
      label: 'Signed up',
      position: { x: 0, y: 10 },
      config: { eventName: 'signup' },
    },
    { id: 'hold', type: 'holdout', position: { x: 260.4, y: 0 }, config: { controlShare: 10 } },
    { id: 'mail', type: 'send', config: { channel: 'email', templateId: 'welcome' } },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'hold' },
    { id: 'e2', source: 'hold', sourceHandle: 'treatment', target: 'mail' },
  ],
};

describe('graphToFlow and flowToGraph', () => {
  it('reads a draft as canvas nodes and edges, every edge with its exit', () => {
    const flow = graphToFlow(draft);
    expect(flow.nodes[0]).toEqual({
      id: 'start',
      type: 'trigger.event',
      position: { x: 0, y: 10 },
      data: { label: 'Signed up', config: { eventName: 'signup' } },
    });
    expect(flow.edges.map((e) => [e.id, e.sourceHandle])).toEqual([
      ['e1', 'next'],
      ['e2', 'treatment'],
    ]);
    expect(flow.needsLayout).toBe(true);
    expect(flow.reentry).toEqual({ mode: 'once' });
  });

  it('gives back the same graph, positions rounded and the single exit implicit', () => {
    const flow = graphToFlow(draft);
    const graph = flowToGraph(flow, flow.reentry);
    expect(graph.edges).toEqual(draft.edges);
    expect(graph.nodes[1]).toEqual({
      id: 'hold',
      type: 'holdout',
      position: { x: 260, y: 0 },
      config: { controlShare: 10 },
    });
    expect(graph.nodes[0]!.label).toBe('Signed up');
    expect(graph.reentry).toEqual({ mode: 'once' });
  });

  it('reads a malformed draft without throwing, dropping nodes of unknown types', () => {
    expect(graphToFlow(null)).toEqual({ nodes: [], edges: [], reentry: undefined, needsLayout: false, dropped: [] });
    const flow = graphToFlow({ nodes: [{ id: 'x', type: 'teleport' }, 3, { type: 'exit' }], edges: [{ source: 1 }] });
    expect(flow.dropped).toEqual(['x']);
    expect(flow.nodes.map((n) => n.id)).toEqual(['node-3']);
    expect(flow.edges).toEqual([]);
  });
});

describe('ids', () => {
  it('numbers new nodes per type, skipping taken ids', () => {
    expect(newNodeId('trigger.event', new Set())).toBe('trigger-event-1');
    expect(newNodeId('send', new Set(['send-1', 'send-2']))).toBe('send-3');
  });

  it('names an edge by what it connects', () => {
    expect(edgeId('branch-1', 'else', 'exit-1')).toBe('branch-1.else-exit-1');
  });
});
