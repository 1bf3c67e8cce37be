import { canonical, diffGraphs } from './graph-diff';

type Graph = Parameters<typeof diffGraphs>[1];

const published: Graph = {
  reentry: { mode: 'once' as const },
  nodes: [
    { id: 'start', type: 'trigger.event' as const, config: { eventName: 'signup', filters: [] } },
    { id: 'wait', type: 'wait' as const, config: { mode: 'duration', duration: { amount: 3, unit: 'days' } } },
    { id: 'mail', type: 'send' as const, config: { channel: 'email', templateId: 'welcome' } },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'wait' },
    { id: 'e2', source: 'wait', target: 'mail' },
  ],
};

describe('diffGraphs', () => {
  it('summarises a first version by its size', () => {
    expect(diffGraphs(null, published)).toEqual([{ kind: 'first-version', nodes: 3, edges: 2 }]);
  });

  it('finds nothing when only positions, labels, edge ids and key order differ', () => {
    const moved: Graph = {
      ...published,
      nodes: published.nodes.map((n) => ({ ...n, label: 'x', position: { x: 1, y: 2 } })),
      edges: [
        { id: 'other', source: 'start', sourceHandle: 'next', target: 'wait' },
        { id: 'e2', source: 'wait', target: 'mail' },
      ],
    };
    moved.nodes[1] = { ...moved.nodes[1]!, config: { duration: { unit: 'days', amount: 3 }, mode: 'duration' } };
    expect(diffGraphs(published, moved)).toEqual([]);
  });

  it('lists added, reconfigured, removed nodes, re-wired edges and the re-entry mode', () => {
    const next = {
      reentry: { mode: 'one-at-a-time' as const },
      nodes: [
        published.nodes[0]!,
        { id: 'wait', type: 'wait' as const, config: { mode: 'duration', duration: { amount: 5, unit: 'days' } } },
        { id: 'line', type: 'send' as const, config: { channel: 'line', templateId: 'welcome' } },
      ],
      edges: [published.edges[0]!, { id: 'e3', source: 'wait', target: 'line' }],
    };
    expect(diffGraphs(published, next)).toEqual([
      { kind: 'reconfigured', nodeId: 'wait', type: 'wait' },
      { kind: 'added', nodeId: 'line', type: 'send' },
      { kind: 'removed', nodeId: 'mail', type: 'send' },
      { kind: 'connected', source: 'wait', handle: 'next', target: 'line' },
      { kind: 'disconnected', source: 'wait', handle: 'next', target: 'mail' },
      { kind: 'reentry', mode: 'one-at-a-time' },
    ]);
  });

  it('reports a node whose type changed', () => {
    const next = {
      ...published,
      nodes: [published.nodes[0]!, { id: 'wait', type: 'exit' as const, config: {} }, published.nodes[2]!],
    };
    expect(diffGraphs(published, next)).toEqual([{ kind: 'retyped', nodeId: 'wait', from: 'wait', to: 'exit' }]);
  });
});

describe('canonical', () => {
  it('sorts keys at every depth and keeps array order', () => {
    expect(canonical({ b: 1, a: { d: [2, 1], c: null } })).toBe('{"a":{"c":null,"d":[2,1]},"b":1}');
  });
});
