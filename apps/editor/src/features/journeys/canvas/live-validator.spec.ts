import { EMPTY_OVERLAY, type CanvasOverlay } from './canvas-context';
import { addNode, changeNodes, connect, createDocument, type CanvasDocument } from './canvas-document';
import { startLiveValidation } from './live-validator';
import { createStore } from './store';

describe('startLiveValidation', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('validates at once, then 250 ms after a structural change, and not after a move', () => {
    const document = createStore<CanvasDocument>(createDocument({ nodes: [], edges: [] }, undefined));
    const overlay = createStore<CanvasOverlay>(EMPTY_OVERLAY);
    const validation = startLiveValidation(document, overlay, () => ({ timeZone: 'Asia/Tokyo' }), 250);
    expect(overlay.get().issues.map((i) => i.code)).toEqual(['no-trigger']);

    document.set((d) => addNode(d, 'trigger.event', { x: 0, y: 0 }));
    document.set((d) => addNode(d, 'send', { x: 300, y: 0 }));
    jest.advanceTimersByTime(249);
    expect(overlay.get().issues.map((i) => i.code)).toEqual(['no-trigger']);
    jest.advanceTimersByTime(1);
    const codes = overlay.get().issues.map((i) => i.code);
    expect(codes).toContain('unreachable-node');
    expect(
      overlay
        .get()
        .issuesByNode.get('send-1')
        ?.map((i) => i.code),
    ).toEqual(expect.arrayContaining(['send-without-template', 'unreachable-node']));

    const before = overlay.get();
    document.set((d) => changeNodes(d, [{ type: 'position', id: 'send-1', position: { x: 10, y: 10 } }]));
    jest.advanceTimersByTime(1000);
    expect(overlay.get()).toBe(before);

    document.set((d) =>
      connect(d, { source: 'trigger-event-1', sourceHandle: 'next', target: 'send-1', targetHandle: null }),
    );
    jest.advanceTimersByTime(250);
    expect(
      overlay
        .get()
        .issuesByNode.get('send-1')
        ?.map((i) => i.code),
    ).not.toContain('unreachable-node');
    validation.stop();
  });
});
