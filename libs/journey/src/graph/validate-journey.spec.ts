import { ValidationFailedError } from '@kizuna/shared';
import type { JourneyEdge, JourneyNode } from './journey-graph.schema';
import { assertValidJourney, validateJourney, type JourneyIssue } from './validate-journey';

type NodeInput = Pick<JourneyNode, 'id' | 'type'> & { config?: Record<string, unknown> };
const node = (id: string, type: JourneyNode['type'], config: Record<string, unknown> = {}): NodeInput => ({
  id,
  type,
  config,
});
const edge = (source: string, target: string, sourceHandle?: string): JourneyEdge => ({
  id: `${source}>${target}`,
  source,
  target,
  ...(sourceHandle === undefined ? {} : { sourceHandle }),
});
const days = (amount: number) => ({ amount, unit: 'days' });
const send = (id: string, channel: string) => node(id, 'send', { channel, templateId: `${id}-template` });
const wait = (id: string) => node(id, 'wait', { mode: 'duration', duration: days(3) });
const goal = node('goal', 'goal', { name: 'Purchase', conversion: { kind: 'purchase' }, withinDays: 30 });
const loyal = {
  version: 1,
  root: {
    type: 'group',
    combinator: 'and',
    rules: [{ type: 'metric', field: 'rfm_rank', operator: 'eq', value: 'loyal' }],
  },
};

/**
 * Segment entry -> holdout (control to the goal) -> welcome -> wait -> opened? (a reminder loops back
 * through the wait) -> loyal? -> A/B of LINE and SMS -> tag -> goal; not loyal -> exit.
 */
const validGraph = (): { version: 1; nodes: NodeInput[]; edges: JourneyEdge[] } => ({
  version: 1,
  nodes: [
    node('entry', 'trigger.segment-entry', { segmentId: 7 }),
    node('holdout', 'holdout', { controlShare: 10 }),
    send('welcome', 'email'),
    wait('wait-3d'),
    node('opened', 'wait-for-event', { eventName: 'email_open', timeout: days(2) }),
    send('reminder', 'best'),
    node('vip', 'branch', { conditions: [{ id: 'loyal', rule: loyal }] }),
    node('ab', 'split', {
      arms: [
        { id: 'a', weight: 50 },
        { id: 'b', weight: 50 },
      ],
    }),
    send('line-a', 'line'),
    send('sms-b', 'sms'),
    node('tag', 'update', { action: 'add-tag', tag: 'welcomed' }),
    goal,
    node('done', 'exit'),
  ],
  edges: [
    edge('entry', 'holdout'),
    edge('holdout', 'welcome', 'treatment'),
    edge('holdout', 'goal', 'control'),
    edge('welcome', 'wait-3d'),
    edge('wait-3d', 'opened'),
    edge('opened', 'reminder', 'timeout'),
    edge('reminder', 'wait-3d'),
    edge('opened', 'vip', 'happened'),
    edge('vip', 'ab', 'loyal'),
    edge('vip', 'done', 'else'),
    edge('ab', 'line-a', 'a'),
    edge('ab', 'sms-b', 'b'),
    edge('line-a', 'tag'),
    edge('sms-b', 'tag'),
    edge('tag', 'goal'),
  ],
});

function issuesOf(graph: unknown, options?: Parameters<typeof validateJourney>[1]): JourneyIssue[] {
  return validateJourney(graph, options).issues;
}

/** The valid graph with some nodes and edges changed: `edit` mutates a fresh copy. */
function edited(edit: (graph: ReturnType<typeof validGraph>) => void) {
  const graph = validGraph();
  edit(graph);
  return graph;
}

describe('validateJourney', () => {
  it('accepts a valid multi-node graph, defaults filled in', () => {
    const result = validateJourney(validGraph(), { segmentExists: (id) => id === 7 });
    expect(result.ok).toBe(true);
    expect(result.issues).toEqual([]);
    expect(result.graph?.reentry).toEqual({ mode: 'one-at-a-time' });
    expect(result.graph?.nodes).toHaveLength(13);
  });

  it('reports the shape first, each issue at its path, with no graph', () => {
    const graph: unknown = { version: 2, nodes: [node('a', 'trigger.event'), { id: 'b c', type: 'mail' }], edges: {} };
    expect(validateJourney(graph)).toEqual({
      ok: false,
      graph: null,
      issues: [
        {
          code: 'invalid-graph',
          message: 'version: unsupported version 2 (this engine reads version 1)',
          path: 'version',
        },
        {
          code: 'invalid-graph',
          message: 'nodes.1.id: may hold only letters, digits, "-" and "_"',
          path: 'nodes.1.id',
        },
        {
          code: 'invalid-graph',
          message: expect.stringMatching(/^nodes\.1\.type: "mail" is not one of: trigger\.segment-entry, /) as string,
          path: 'nodes.1.type',
        },
        { code: 'invalid-graph', message: 'edges: must be a list', path: 'edges' },
      ],
    });
    expect(issuesOf(null)).toEqual([{ code: 'invalid-graph', message: 'must be an object', path: '' }]);
  });

  it('reports duplicate node and edge ids', () => {
    const graph = edited((g) => {
      g.nodes.push(wait('welcome'));
      g.edges.push({ ...edge('tag', 'goal'), id: 'entry>holdout' });
    });
    expect(issuesOf(graph)).toEqual([
      {
        code: 'duplicate-node',
        message: 'Node "welcome" (wait): another node (send) already has the id "welcome"',
        nodeId: 'welcome',
        path: 'id',
      },
      {
        code: 'duplicate-edge',
        message: 'Edge "entry>holdout": another edge already has this id',
        edgeId: 'entry>holdout',
        path: 'edges.15.id',
      },
      {
        code: 'duplicate-exit-edge',
        message:
          'Node "tag" (update): exit "next" has 2 edges ("tag>goal" and "entry>holdout"); an exit leads to one node',
        nodeId: 'tag',
        edgeId: 'entry>holdout',
      },
    ]);
  });

  it('needs a trigger', () => {
    const graph = { version: 1, nodes: [send('welcome', 'email')], edges: [] };
    expect(issuesOf(graph)).toEqual([
      { code: 'no-trigger', message: 'The journey has no trigger: add one to say who enters', path: 'nodes' },
    ]);
  });

  it('refuses edges into a trigger and a trigger that leads nowhere', () => {
    const graph = edited((g) => {
      g.nodes.push(node('signup', 'trigger.event', { eventName: 'signup' }));
      g.edges.push(edge('tag', 'entry', 'again'));
    });
    expect(issuesOf(graph)).toEqual([
      {
        code: 'trigger-has-incoming-edge',
        message:
          'Node "entry" (trigger.segment-entry): a trigger is where customers enter, but edge "tag>entry" leads into it from "tag"',
        nodeId: 'entry',
        edgeId: 'tag>entry',
      },
      {
        code: 'trigger-not-connected',
        message: 'Node "signup" (trigger.event): is not connected to a next step',
        nodeId: 'signup',
      },
      {
        code: 'unknown-exit',
        message: 'Node "tag" (update): has no exit "again" (edge "tag>entry"); its exits are: next',
        nodeId: 'tag',
        edgeId: 'tag>entry',
      },
    ]);
  });

  it('names the edge and the missing node of a dangling edge', () => {
    const graph = edited((g) => g.edges.push(edge('ghost', 'done'), edge('done', 'nowhere')));
    expect(issuesOf(graph)).toEqual([
      {
        code: 'dangling-edge',
        message: 'Edge "ghost>done": its source node "ghost" does not exist',
        edgeId: 'ghost>done',
        path: 'edges.15.source',
      },
      {
        code: 'dangling-edge',
        message: 'Edge "done>nowhere": its target node "nowhere" does not exist',
        edgeId: 'done>nowhere',
        path: 'edges.16.target',
      },
      {
        code: 'unknown-exit',
        message: 'Node "done" (exit): has no exits, but edge "done>nowhere" leaves it',
        nodeId: 'done',
        edgeId: 'done>nowhere',
      },
    ]);
  });

  it('lists the exits a node has when an edge leaves by another', () => {
    const graph = edited((g) => {
      g.edges = g.edges.filter((e) => e.id !== 'vip>done');
      g.edges.push(edge('vip', 'done', 'vip'), edge('holdout', 'done'));
    });
    expect(issuesOf(graph)).toEqual([
      {
        code: 'unknown-exit',
        message: 'Node "vip" (branch): has no exit "vip" (edge "vip>done"); its exits are: loyal, else',
        nodeId: 'vip',
        edgeId: 'vip>done',
      },
      {
        code: 'unknown-exit',
        message:
          'Node "holdout" (holdout): edge "holdout>done" names no exit, and the node has no single "next" exit; its exits are: treatment, control',
        nodeId: 'holdout',
        edgeId: 'holdout>done',
      },
    ]);
  });

  it('checks every node config with the options given (details in node-config-issues.spec.ts)', () => {
    const graph = edited((g) => {
      g.nodes[0] = node('entry', 'trigger.schedule', { cron: '0 9 * * 1', segmentId: 8 });
      g.nodes[2] = node('welcome', 'send', { channel: 'email' });
      g.nodes[3] = node('wait-3d', 'wait', {});
    });
    expect(issuesOf(graph, { timeZone: 'Mars/Olympus', segmentExists: (id) => id === 7 })).toEqual([
      {
        code: 'invalid-schedule',
        message: `Node "entry" (trigger.schedule): has no timezone, and the workspace's ("Mars/Olympus") is not an IANA timezone`,
        nodeId: 'entry',
        path: 'config.timezone',
      },
      {
        code: 'unknown-segment',
        message: 'Node "entry" (trigger.schedule): segment 8 does not exist',
        nodeId: 'entry',
        path: 'config.segmentId',
      },
      {
        code: 'send-without-template',
        message: 'Node "welcome" (send): needs a template for channel "email"',
        nodeId: 'welcome',
        path: 'config.templateId',
      },
      {
        code: 'missing-config',
        message: 'Node "wait-3d" (wait): needs mode (duration or until)',
        nodeId: 'wait-3d',
        path: 'config',
      },
    ]);
    expect(issuesOf(graph, { segmentExists: (id) => id === 8 }).map((issue) => issue.code)).toEqual([
      'send-without-template',
      'missing-config',
    ]);
  });

  it('reports nodes no trigger leads to', () => {
    const graph = edited((g) => {
      g.nodes.push(send('orphan', 'email'), wait('orphan-wait'));
      g.edges.push(edge('orphan', 'orphan-wait'));
    });
    expect(issuesOf(graph)).toEqual([
      {
        code: 'unreachable-node',
        message: 'Node "orphan" (send): cannot be reached from any trigger',
        nodeId: 'orphan',
      },
      {
        code: 'unreachable-node',
        message: 'Node "orphan-wait" (wait): cannot be reached from any trigger',
        nodeId: 'orphan-wait',
      },
    ]);
  });

  it('refuses cycles without a wait, naming their nodes in order, self-loops included', () => {
    const graph = edited((g) => {
      // reminder -> opened closes a loop that skips the wait; the loop through wait-3d stays valid.
      g.edges = g.edges.filter((e) => e.id !== 'reminder>wait-3d' && e.id !== 'tag>goal');
      g.nodes.push(node('again', 'update', { action: 'adjust-score', score: 'engagement', by: 1 }));
      g.nodes.push(node('check', 'branch', { conditions: [{ id: 'still-loyal', rule: loyal }] }));
      g.edges.push(
        edge('reminder', 'check'),
        edge('check', 'reminder', 'else'),
        edge('check', 'wait-3d', 'still-loyal'),
      );
      g.edges.push(edge('tag', 'again'), edge('again', 'again'));
    });
    expect(issuesOf(graph)).toEqual([
      {
        code: 'cycle-without-wait',
        message:
          'Node "reminder" (send): is in a cycle without a wait: "reminder" -> "check" -> "reminder"; add a wait or wait-for-event to it',
        nodeId: 'reminder',
      },
      {
        code: 'cycle-without-wait',
        message:
          'Node "again" (update): is in a cycle without a wait: "again" -> "again"; add a wait or wait-for-event to it',
        nodeId: 'again',
      },
    ]);
  });

  it('refuses a branch rule nested thousands deep without recursing into it', () => {
    let deep: unknown = { type: 'consent', channel: 'email', operator: 'is', status: 'granted' };
    for (let depth = 0; depth < 20_000; depth++) deep = { type: 'group', combinator: 'and', rules: [deep] };
    const graph = edited((g) => {
      g.nodes[6] = node('vip', 'branch', { conditions: [{ id: 'loyal', rule: { version: 1, root: deep } }] });
    });
    expect(issuesOf(graph)).toEqual([
      {
        code: 'invalid-config',
        message: `Node "vip" (branch): config.conditions.0.rule.root${'.rules.0'.repeat(8)}: groups nest at most 8 deep`,
        nodeId: 'vip',
        path: `config.conditions.0.rule.root${'.rules.0'.repeat(8)}`,
      },
    ]);
  });

  it('checks a 500-node graph with 1800 edges quickly', () => {
    // A chain of sends, each also jumping back 1 to 3 steps: one big cycle, broken by waits every 50 nodes.
    const nodes: NodeInput[] = [node('start', 'trigger.event', { eventName: 'signup' })];
    const edges: JourneyEdge[] = [edge('start', 'n1')];
    for (let i = 1; i < 500; i++) {
      nodes.push(
        i % 50 === 0
          ? wait(`n${i}`)
          : node(`n${i}`, 'split', { arms: [1, 2, 3, 4].map((a) => ({ id: `a${a}`, weight: 25 })) }),
      );
      if (i % 50 === 0) {
        if (i < 499) edges.push(edge(`n${i}`, `n${i + 1}`));
        continue;
      }
      const arm = (handle: string, target: number) => ({
        ...edge(`n${i}`, `n${target}`, handle),
        id: `n${i}:${handle}`,
      });
      edges.push(arm('a1', Math.min(i + 1, 499)));
      for (const back of [1, 2, 3]) edges.push(arm(`a${back + 1}`, Math.max(1, i - back)));
    }
    const startedAt = performance.now();
    const issues = issuesOf({ version: 1, nodes, edges });
    expect(performance.now() - startedAt).toBeLessThan(1000);
    // Waits at n50, n100 ... n450 cut the chain into 10 wait-free stretches, each one cycle.
    expect(issues.map((issue) => [issue.code, issue.nodeId])).toEqual([
      ['cycle-without-wait', 'n1'],
      ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map((k) => ['cycle-without-wait', `n${k * 50 + 1}`]),
    ]);
  });
});

describe('assertValidJourney', () => {
  it('returns the parsed graph', () => {
    expect(assertValidJourney(validGraph()).nodes.map((n) => n.id)).toContain('goal');
  });

  it('throws a ValidationFailedError summarising the first 3 issues, listing all by node or path', () => {
    const graph = edited((g) => {
      g.nodes.push(send('orphan', 'email'), send('orphan-2', 'line'));
      g.edges.push(edge('ghost', 'done'), edge('entry', 'goal'));
    });
    let error: unknown;
    try {
      assertValidJourney(graph);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ValidationFailedError);
    expect(error).toMatchObject({
      code: 'validation_failed',
      message:
        'The journey is invalid: Edge "ghost>done": its source node "ghost" does not exist; ' +
        'Node "entry" (trigger.segment-entry): exit "next" has 2 edges ("entry>holdout" and "entry>goal"); an exit leads to one node; ' +
        'Node "orphan" (send): cannot be reached from any trigger (and 1 more)',
      issues: [
        { field: 'edges.15.source', message: 'Edge "ghost>done": its source node "ghost" does not exist' },
        {
          field: 'entry',
          message:
            'Node "entry" (trigger.segment-entry): exit "next" has 2 edges ("entry>holdout" and "entry>goal"); an exit leads to one node',
        },
        { field: 'orphan', message: 'Node "orphan" (send): cannot be reached from any trigger' },
        { field: 'orphan-2', message: 'Node "orphan-2" (send): cannot be reached from any trigger' },
      ],
    });
  });
});
