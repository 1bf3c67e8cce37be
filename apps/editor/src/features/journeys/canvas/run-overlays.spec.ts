import { edgeCountsById, nodeFigures } from './run-overlays';

describe('edgeCountsById', () => {
  it('maps the engine counts by exit onto the edges leaving by them', () => {
    const edges = [
      { id: 'a', type: 'journey' as const, source: 'start', sourceHandle: 'next', target: 'branch' },
      { id: 'b', type: 'journey' as const, source: 'branch', sourceHandle: 'repeat', target: 'mail' },
      { id: 'c', type: 'journey' as const, source: 'branch', sourceHandle: 'else', target: 'end' },
    ];
    expect([...edgeCountsById(edges, { 'start:next': 6, 'branch:repeat': 4, 'branch:other': 9 })]).toEqual([
      ['a', 6],
      ['b', 4],
    ]);
  });
});

describe('nodeFigures', () => {
  it('counts delivered and bounced messages as sent too', () => {
    const figures = nodeFigures([
      {
        nodeId: 'mail',
        entered: 10,
        waiting: 1,
        messages: { sent: 2, delivered: 5, bounced: 1, suppressed: 2 },
        responses: { opened: 3, clicked: 1 },
      },
    ]);
    expect(figures.get('mail')).toEqual({
      entered: 10,
      waiting: 1,
      sent: 8,
      delivered: 5,
      opened: 3,
      clicked: 1,
      converted: 0,
    });
  });
});
