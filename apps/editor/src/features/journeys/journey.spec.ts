import {
  draftNodes,
  engineOnlyIssues,
  formatPoints,
  groupIssuesByNode,
  latestLiftByNode,
  parseJourneyId,
  type JourneyIssue,
  type LiftFigures,
} from './journey';

const draft = {
  version: 1,
  nodes: [
    { id: 'trigger-1', type: 'event-trigger', label: 'サンプル請求', config: {} },
    { id: 'wait-1', type: 'wait', config: {} },
    { id: 'send-1', type: 'send', label: '  ', config: {} },
  ],
  edges: [],
};

const unreachable: JourneyIssue = {
  code: 'unreachable-node',
  message: 'Node "send-1" (send): no path from a trigger reaches it',
  nodeId: 'send-1',
};
const noTemplate: JourneyIssue = {
  code: 'send-without-template',
  message: 'Node "send-1" (send): choose a template',
  nodeId: 'send-1',
  path: 'config.template',
};
const missingDuration: JourneyIssue = {
  code: 'missing-config',
  message: 'Node "wait-1" (wait): config.duration is required',
  nodeId: 'wait-1',
  path: 'config.duration',
};
const danglingEdge: JourneyIssue = {
  code: 'dangling-edge',
  message: 'edges.0.target: no such node',
  path: 'edges.0.target',
};
const unknownSegment: JourneyIssue = {
  code: 'unknown-segment',
  message: 'Node "branch-1" (branch): segment 42 does not exist',
  nodeId: 'branch-1',
  path: 'config.branches.0.rule',
};

describe('parseJourneyId', () => {
  it('accepts positive integers only', () => {
    expect(parseJourneyId('12')).toBe(12);
    expect(parseJourneyId('0')).toBeNull();
    expect(parseJourneyId('1e3')).toBeNull();
    expect(parseJourneyId(undefined)).toBeNull();
  });
});

describe('draftNodes', () => {
  it('lists id, type and label, a blank label as none', () => {
    expect(draftNodes(draft)).toEqual([
      { id: 'trigger-1', type: 'event-trigger', label: 'サンプル請求' },
      { id: 'wait-1', type: 'wait', label: null },
      { id: 'send-1', type: 'send', label: null },
    ]);
  });

  it('reads a malformed draft without throwing', () => {
    expect(draftNodes(null)).toEqual([]);
    expect(draftNodes({ nodes: 'x' })).toEqual([]);
    expect(draftNodes({ nodes: [null, { id: 3, type: 'send' }] })).toEqual([{ id: '', type: 'send', label: null }]);
  });
});

describe('groupIssuesByNode', () => {
  it('groups by node in the draft order, with graph-level issues last', () => {
    const groups = groupIssuesByNode([danglingEdge, unreachable, missingDuration, noTemplate], draftNodes(draft));
    expect(groups).toEqual([
      { nodeId: 'wait-1', issues: [missingDuration] },
      { nodeId: 'send-1', issues: [unreachable, noTemplate] },
      { nodeId: null, issues: [danglingEdge] },
    ]);
  });

  it('puts a node the draft does not list after the known ones', () => {
    const groups = groupIssuesByNode([unknownSegment, missingDuration], draftNodes(draft));
    expect(groups.map((group) => group.nodeId)).toEqual(['wait-1', 'branch-1']);
  });

  it('returns no groups for no issues', () => {
    expect(groupIssuesByNode([], draftNodes(draft))).toEqual([]);
  });
});

describe('engineOnlyIssues', () => {
  it('keeps the engine issues the browser did not find', () => {
    expect(engineOnlyIssues([unreachable, unknownSegment, danglingEdge], [danglingEdge, unreachable])).toEqual([
      unknownSegment,
    ]);
  });

  it('tells apart issues of the same code on different paths', () => {
    const otherPath = { ...noTemplate, path: 'config.fallbackTemplate' };
    expect(engineOnlyIssues([noTemplate, otherPath], [noTemplate])).toEqual([otherPath]);
  });
});

describe('lift figures', () => {
  const lift = (estimate: number): LiftFigures => ({
    treatedRate: 0.1 + estimate,
    controlRate: 0.1,
    difference: { estimate, lower: estimate - 0.01, upper: estimate + 0.01 },
    significant: false,
  });

  it('formats a rate difference in signed percentage points', () => {
    expect(formatPoints(0.0234, 'en-US')).toBe('+2.3 pt');
    expect(formatPoints(-0.005, 'ja-JP')).toBe('-0.5 pt');
    expect(formatPoints(0, 'en-US')).toBe('0.0 pt');
  });

  it("takes each node's lift from the newest version that has one", () => {
    const lifts = latestLiftByNode({
      method: { confidence: 0.95 },
      summary: { lift: null },
      nodes: [
        { version: 1, nodeId: 'holdout', lift: lift(0.01) },
        { version: 2, nodeId: 'holdout', lift: lift(0.03) },
        { version: 3, nodeId: 'holdout', lift: null },
        { version: 1, nodeId: 'mail', lift: null },
      ],
    });
    expect([...lifts].map(([id, figures]) => [id, figures.difference.estimate])).toEqual([['holdout', 0.03]]);
  });
});
