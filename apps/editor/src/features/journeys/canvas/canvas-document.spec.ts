import {
  addNode,
  changeEdges,
  changeNodes,
  connect,
  createDocument,
  deleteSelected,
  endDrag,
  redoDocument,
  startDrag,
  undoDocument,
  updateNodeData,
  type CanvasDocument,
} from './canvas-document';

function journey(): CanvasDocument {
  let doc = createDocument({ nodes: [], edges: [] }, undefined);
  doc = addNode(doc, 'trigger.event', { x: 0, y: 0 });
  doc = addNode(doc, 'branch', { x: 300, y: 0 });
  doc = addNode(doc, 'send', { x: 600, y: 0 });
  doc = connect(doc, { source: 'trigger-event-1', sourceHandle: 'next', target: 'branch-1', targetHandle: null });
  return connect(doc, { source: 'branch-1', sourceHandle: 'condition-1', target: 'send-1', targetHandle: null });
}

const present = (doc: CanvasDocument) => doc.history.present;

describe('canvas document', () => {
  it('adds nodes with ids by type, the new one selected alone, and connects exits', () => {
    const doc = journey();
    expect(present(doc).nodes.map((n) => [n.id, n.selected])).toEqual([
      ['trigger-event-1', false],
      ['branch-1', false],
      ['send-1', true],
    ]);
    expect(present(doc).edges.map((e) => e.id)).toEqual([
      'trigger-event-1.next-branch-1',
      'branch-1.condition-1-send-1',
    ]);
    expect([doc.revision, doc.structureRevision]).toEqual([5, 5]);
  });

  it('refuses edges into a trigger, onto the same node or from an exit the node lacks', () => {
    const doc = journey();
    expect(
      connect(doc, { source: 'send-1', sourceHandle: 'next', target: 'trigger-event-1', targetHandle: null }),
    ).toBe(doc);
    expect(connect(doc, { source: 'send-1', sourceHandle: 'next', target: 'send-1', targetHandle: null })).toBe(doc);
    expect(connect(doc, { source: 'branch-1', sourceHandle: 'nope', target: 'send-1', targetHandle: null })).toBe(doc);
  });

  it('replaces the edge of an exit that is connected again', () => {
    let doc = addNode(journey(), 'exit', { x: 600, y: 200 });
    doc = connect(doc, { source: 'branch-1', sourceHandle: 'condition-1', target: 'exit-1', targetHandle: null });
    expect(
      present(doc)
        .edges.filter((e) => e.source === 'branch-1')
        .map((e) => e.target),
    ).toEqual(['exit-1']);
  });

  it('makes a drag one undo step that counts for saving but not for validation', () => {
    let doc = startDrag(journey());
    const before = doc.structureRevision;
    for (const x of [310, 320, 330]) {
      doc = changeNodes(doc, [{ type: 'position', id: 'branch-1', position: { x, y: 0 }, dragging: true }]);
    }
    doc = endDrag(doc);
    expect(present(doc).nodes[1]!.position).toEqual({ x: 330, y: 0 });
    expect(doc.structureRevision).toBe(before);
    expect(present(undoDocument(doc)).nodes[1]!.position).toEqual({ x: 300, y: 0 });
  });

  it('does not count selection as a change', () => {
    const doc = changeNodes(journey(), [{ type: 'select', id: 'branch-1', selected: true }]);
    expect([doc.revision, doc.history.past.length]).toEqual([5, 5]);
  });

  it('removes a node with its edges, and undo brings both back', () => {
    const doc = changeNodes(journey(), [{ type: 'remove', id: 'branch-1' }]);
    expect(present(doc).edges).toEqual([]);
    const back = changeEdges(doc, [{ type: 'remove', id: 'trigger-event-1.next-branch-1' }]);
    expect(back).toBe(doc);
    expect(present(undoDocument(doc)).edges).toHaveLength(2);
    expect(present(redoDocument(undoDocument(doc))).edges).toEqual([]);
  });

  it('drops the edges of a removed branch condition with the config change, one undo step per field', () => {
    let doc = journey();
    const steps = doc.history.past.length;
    doc = updateNodeData(doc, 'branch-1', { label: 'R', config: { conditions: [] } }, 'branch-1:label');
    doc = updateNodeData(doc, 'branch-1', { label: 'Re', config: { conditions: [] } }, 'branch-1:label');
    expect(present(doc).edges.map((e) => e.id)).toEqual(['trigger-event-1.next-branch-1']);
    expect(doc.history.past.length).toBe(steps + 1);
  });

  it('makes one undo step of a deletion React Flow reports as edges, then nodes', () => {
    let doc = journey();
    doc = changeEdges(doc, [{ type: 'remove', id: 'branch-1.condition-1-send-1' }], 'delete-1');
    doc = changeNodes(doc, [{ type: 'remove', id: 'send-1' }], 'delete-1');
    expect(present(doc).nodes).toHaveLength(2);
    const back = undoDocument(doc);
    expect([present(back).nodes.length, present(back).edges.length]).toEqual([3, 2]);
  });

  it('deletes the selection', () => {
    const doc = deleteSelected(journey());
    expect(present(doc).nodes.map((n) => n.id)).toEqual(['trigger-event-1', 'branch-1']);
    expect(present(doc).edges).toHaveLength(1);
  });
});
