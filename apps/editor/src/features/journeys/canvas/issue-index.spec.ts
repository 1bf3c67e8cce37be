import type { JourneyIssue } from '@kizuna/journey';
import { indexIssuesByNode, issueAt } from './issue-index';

const noTemplate: JourneyIssue = {
  code: 'send-without-template',
  message: 'choose a template',
  nodeId: 'send-1',
  path: 'config.templateId',
};
const unreachable: JourneyIssue = { code: 'unreachable-node', message: 'no path', nodeId: 'wait-1' };
const graph: JourneyIssue = { code: 'no-trigger', message: 'no trigger' };

describe('indexIssuesByNode', () => {
  it('groups by node and leaves out graph-level issues', () => {
    expect([...indexIssuesByNode([noTemplate, graph, unreachable])]).toEqual([
      ['send-1', [noTemplate]],
      ['wait-1', [unreachable]],
    ]);
  });

  it('keeps the array of a node whose issues are unchanged', () => {
    const first = indexIssuesByNode([noTemplate, unreachable]);
    const second = indexIssuesByNode([{ ...noTemplate }], first);
    expect(second.get('send-1')).toBe(first.get('send-1'));
    expect(second.has('wait-1')).toBe(false);
  });
});

describe('issueAt', () => {
  it('finds the issue of a field or of a part of it', () => {
    const amount: JourneyIssue = {
      code: 'invalid-config',
      message: 'x',
      nodeId: 'wait-1',
      path: 'config.duration.amount',
    };
    expect(issueAt([amount], 'config.duration')).toBe(amount);
    expect(issueAt([amount], 'config.dur')).toBeUndefined();
    expect(issueAt(undefined, 'config')).toBeUndefined();
  });
});
