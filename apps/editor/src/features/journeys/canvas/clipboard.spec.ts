import { copySelection, pasteClip } from './clipboard';
import type { FlowSnapshot } from './flow-types';

const flow: FlowSnapshot = {
  nodes: [
    {
      id: 'trigger-event-1',
      type: 'trigger.event',
      position: { x: 0, y: 0 },
      data: { config: { eventName: 'signup' } },
    },
    { id: 'wait-1', type: 'wait', position: { x: 300, y: 0 }, data: { label: '1 day', config: {} }, selected: true },
    { id: 'send-1', type: 'send', position: { x: 600, y: 0 }, data: { config: { channel: 'email' } }, selected: true },
  ],
  edges: [
    { id: 'e1', type: 'journey', source: 'trigger-event-1', sourceHandle: 'next', target: 'wait-1' },
    { id: 'e2', type: 'journey', source: 'wait-1', sourceHandle: 'next', target: 'send-1' },
  ],
};

describe('copy and paste', () => {
  it('copies the selected nodes and only the edges between them', () => {
    const clip = copySelection(flow)!;
    expect(clip.nodes.map((n) => n.id)).toEqual(['wait-1', 'send-1']);
    expect(clip.edges.map((e) => e.id)).toEqual(['e2']);
  });

  it('copies nothing without a selection', () => {
    expect(copySelection({ nodes: flow.nodes.map((n) => ({ ...n, selected: false })), edges: [] })).toBeNull();
  });

  it('pastes with new ids, offset, the edge between the copies rewired, and the copies selected', () => {
    const pasted = pasteClip(flow, copySelection(flow)!, { x: 40, y: 40 });
    expect(pasted.nodes.map((n) => [n.id, n.position.x, n.position.y, n.selected ?? false])).toEqual([
      ['trigger-event-1', 0, 0, false],
      ['wait-1', 300, 0, false],
      ['send-1', 600, 0, false],
      ['wait-2', 340, 40, true],
      ['send-2', 640, 40, true],
    ]);
    expect(pasted.edges.slice(2)).toEqual([
      { id: 'wait-2.next-send-2', type: 'journey', source: 'wait-2', sourceHandle: 'next', target: 'send-2' },
    ]);
    expect(pasted.nodes[3]!.data).toEqual({ label: '1 day', config: {} });
    expect(pasted.nodes[3]!.data).not.toBe(flow.nodes[1]!.data);
  });
});
