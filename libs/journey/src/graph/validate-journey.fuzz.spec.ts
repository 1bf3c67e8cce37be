import fc from 'fast-check';
import { NODE_TYPES } from './journey-graph.schema';
import { validateJourney } from './validate-journey';

/** Reproducible by default; KIZUNA_FUZZ_SEED explores other cases (fast-check prints the seed of a failure). */
const SEED = Number(process.env.KIZUNA_FUZZ_SEED ?? 20261206);

const segmentRule = {
  version: 1,
  root: {
    type: 'group',
    combinator: 'and',
    rules: [{ type: 'metric', field: 'rfm_rank', operator: 'eq', value: 'loyal' }],
  },
};

/** A valid config per node type, which the generator then damages or not. */
const VALID_CONFIGS: Record<(typeof NODE_TYPES)[number], Record<string, unknown>> = {
  'trigger.segment-entry': { segmentId: 7 },
  'trigger.segment-exit': { segmentId: 7 },
  'trigger.event': { eventName: 'order_placed', filters: [{ property: 'total', operator: 'gte', value: 5000 }] },
  'trigger.schedule': { cron: '0 10 * * 1', segmentId: 7 },
  'trigger.date-relative': { source: 'attribute', attribute: 'birth_date', yearly: true, offsetDays: -7 },
  wait: { mode: 'duration', duration: { amount: 3, unit: 'days' } },
  'wait-for-event': { eventName: 'email_open', timeout: { amount: 2, unit: 'days' } },
  branch: { conditions: [{ id: 'loyal', rule: segmentRule }] },
  split: {
    arms: [
      { id: 'a', weight: 50 },
      { id: 'b', weight: 50 },
    ],
  },
  holdout: { controlShare: 10 },
  send: { channel: 'email', templateId: 'welcome' },
  update: { action: 'add-tag', tag: 'welcomed' },
  goal: { name: 'Purchase', conversion: { kind: 'purchase' }, withinDays: 30 },
  exit: {},
};

/** Values that break schemas in the usual ways: wrong types, out of range, odd strings. */
const oddValue = fc.oneof(
  fc.constantFrom(
    null,
    undefined,
    '',
    ' ',
    -1,
    0,
    1.5,
    1e308,
    NaN,
    Infinity,
    true,
    [],
    {},
    '0 0 0 0 0 0 0',
    'Not/AZone',
  ),
  fc.string({ maxLength: 30, unit: 'binary' }),
  fc.integer(),
  fc.jsonValue({ maxDepth: 3 }),
);

const damagedConfig = (type: (typeof NODE_TYPES)[number]) => {
  const valid = VALID_CONFIGS[type];
  const keys = Object.keys(valid);
  return fc.oneof(
    fc.constant(valid),
    // One field replaced by an odd value, or an unknown field added, or one field dropped.
    fc.record({ key: fc.constantFrom(...(keys.length ? keys : ['x'])), value: oddValue }).map(({ key, value }) => ({
      ...valid,
      [key]: value,
    })),
    fc
      .record({ key: fc.string({ maxLength: 10 }), value: oddValue })
      .map(({ key, value }) => ({ ...valid, [key]: value })),
    fc
      .constantFrom(...(keys.length ? keys : ['x']))
      .map((drop) => Object.fromEntries(Object.entries(valid).filter(([key]) => key !== drop))),
    fc.dictionary(fc.string({ maxLength: 8 }), oddValue, { maxKeys: 4 }),
  );
};

const nodeIds = ['start', 'a', 'b', 'c', 'd', 'e', 'f', 'bad id', '', 'x'.repeat(70)];
const handles = [undefined, 'next', 'else', 'loyal', 'a', 'b', 'happened', 'timeout', 'treatment', 'control', 'nope'];

const graphArbitrary = fc
  .record({
    nodes: fc.array(
      fc.record({
        id: fc.constantFrom(...nodeIds),
        type: fc.oneof(fc.constantFrom(...NODE_TYPES), fc.constantFrom('trigger', 'Send', '')),
      }),
      { maxLength: 8 },
    ),
    edges: fc.array(
      fc.record({
        source: fc.constantFrom(...nodeIds),
        target: fc.constantFrom(...nodeIds),
        sourceHandle: fc.constantFrom(...handles),
      }),
      { maxLength: 10 },
    ),
    reentry: fc.option(fc.record({ mode: fc.constantFrom('once', 'one-at-a-time', 'after-cooldown', 'twice') })),
  })
  .chain(({ nodes, edges, reentry }) =>
    fc
      .tuple(
        ...nodes.map((n) =>
          (NODE_TYPES as readonly string[]).includes(n.type)
            ? damagedConfig(n.type as (typeof NODE_TYPES)[number])
            : fc.constant({}),
        ),
      )
      .map((configs) => ({
        version: 1,
        ...(reentry ? { reentry } : {}),
        nodes: nodes.map((n, i) => ({ ...n, config: configs[i] })),
        edges: edges.map((e, i) => ({
          id: `e${i}`,
          source: e.source,
          target: e.target,
          ...(e.sourceHandle === undefined ? {} : { sourceHandle: e.sourceHandle }),
        })),
      })),
  );

function expectWellFormedAnswer(input: unknown, graphNodeIds: Set<string> | undefined) {
  const result = validateJourney(input, {
    segmentExists: (id) => id === 7,
    templateExists: (channel, key) => channel === 'email' && key === 'welcome',
  });
  if (result.ok) {
    expect(result.issues).toEqual([]);
    return result;
  }
  expect(result.issues.length).toBeGreaterThan(0);
  for (const issue of result.issues) {
    expect(typeof issue.message).toBe('string');
    expect(issue.message.trim().length).toBeGreaterThan(0);
    // An issue names where it is: its node, or a path in the graph (empty only for the whole document).
    if (issue.nodeId !== undefined && graphNodeIds) expect(graphNodeIds.has(issue.nodeId)).toBe(true);
    if (issue.code === 'invalid-graph') expect(typeof issue.path).toBe('string');
  }
  return result;
}

describe('validateJourney under random input (fast-check)', () => {
  it('answers any JSON value with issues, never an exception', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (input) => {
        expectWellFormedAnswer(input, undefined);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('answers random graphs of damaged nodes and edges with issues that name their node, never an exception', () => {
    fc.assert(
      fc.property(graphArbitrary, (graph) => {
        expectWellFormedAnswer(graph, new Set(graph.nodes.map((n) => n.id)));
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('accepts every chain of valid steps after a trigger', () => {
    // A goal has no exits: it ends a chain, so it is left out here.
    const steps = ['wait', 'send', 'update', 'holdout'] as const;
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...steps), { minLength: 1, maxLength: 8 }), (types) => {
        const nodes = [
          { id: 'start', type: 'trigger.event', config: VALID_CONFIGS['trigger.event'] },
          ...types.map((type, i) => ({ id: `s${i}`, type, config: VALID_CONFIGS[type] })),
        ];
        const edges = nodes.slice(1).map((n, i) => ({
          id: `e${i}`,
          source: nodes[i]!.id,
          target: n.id,
          ...(nodes[i]!.type === 'holdout' ? { sourceHandle: 'treatment' } : {}),
        }));
        const result = expectWellFormedAnswer({ version: 1, nodes, edges }, new Set(nodes.map((n) => n.id)));
        expect(result.issues).toEqual([]);
      }),
      { seed: SEED, numRuns: 100 },
    );
  });

  it('refuses a graph too large or nested too deep with an issue, without recursing', () => {
    let deep: Record<string, unknown> = {};
    for (let i = 0; i < 10_000; i++) deep = { nested: deep };
    const huge = {
      version: 1,
      nodes: Array.from({ length: 501 }, (_, i) => ({ id: `n${i}`, type: 'exit', config: {} })),
      edges: [],
    };
    expect(validateJourney(huge).issues.map((i) => i.message)).toContain('nodes: a journey may have at most 500 nodes');
    const nested = validateJourney({
      version: 1,
      nodes: [{ id: 'start', type: 'trigger.event', config: { eventName: 'x', filters: [deep] } }],
      edges: [],
    });
    expect(nested.ok).toBe(false);
  });
});
