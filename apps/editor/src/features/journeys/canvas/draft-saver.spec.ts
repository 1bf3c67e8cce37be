import { addNode, createDocument, type CanvasDocument } from './canvas-document';
import { createDraftSaver } from './draft-saver';
import { createStore } from './store';

describe('createDraftSaver', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  function setup(save: jest.Mock) {
    const document = createStore<CanvasDocument>(createDocument({ nodes: [], edges: [] }, undefined));
    const saver = createDraftSaver(document, save, 800);
    const stop = saver.start();
    return { document, saver: { ...saver, dispose: stop } };
  }

  it('saves once, 800 ms after the last of a burst of edits', async () => {
    const save = jest.fn().mockResolvedValue(undefined);
    const { document, saver } = setup(save);
    document.set((d) => addNode(d, 'wait', { x: 0, y: 0 }));
    jest.advanceTimersByTime(500);
    document.set((d) => addNode(d, 'exit', { x: 0, y: 0 }));
    expect(saver.state.get().status).toBe('unsaved');
    jest.advanceTimersByTime(799);
    expect(save).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(1);
    expect(save).toHaveBeenCalledTimes(1);
    expect((save.mock.calls[0][0] as { nodes: { id: string }[] }).nodes.map((n) => n.id)).toEqual(['wait-1', 'exit-1']);
    expect(saver.state.get().status).toBe('saved');
    saver.dispose();
  });

  it('reports an error, and a flush retries', async () => {
    const save = jest.fn().mockRejectedValueOnce(new Error('offline')).mockResolvedValue(undefined);
    const { document, saver } = setup(save);
    document.set((d) => addNode(d, 'wait', { x: 0, y: 0 }));
    await jest.advanceTimersByTimeAsync(800);
    expect(saver.state.get()).toEqual({ status: 'error', error: new Error('offline') });
    await expect(saver.flush()).resolves.toBe(true);
    expect(save).toHaveBeenCalledTimes(2);
    expect(saver.state.get().status).toBe('saved');
    saver.dispose();
  });

  it('saves edits made during a save before a flush resolves', async () => {
    let finish: () => void = () => undefined;
    const save = jest
      .fn()
      .mockImplementationOnce(() => new Promise<void>((resolve) => (finish = resolve)))
      .mockResolvedValue(undefined);
    const { document, saver } = setup(save);
    document.set((d) => addNode(d, 'wait', { x: 0, y: 0 }));
    const flushed = saver.flush();
    await Promise.resolve();
    document.set((d) => addNode(d, 'exit', { x: 0, y: 0 }));
    finish();
    await expect(flushed).resolves.toBe(true);
    expect(save).toHaveBeenCalledTimes(2);
    expect(saver.state.get().status).toBe('saved');
    saver.dispose();
  });

  it('has nothing to do without changes', async () => {
    const save = jest.fn();
    const { saver } = setup(save);
    await expect(saver.flush()).resolves.toBe(true);
    expect(save).not.toHaveBeenCalled();
  });
});
