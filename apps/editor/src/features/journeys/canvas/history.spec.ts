import { canRedo, canUndo, checkpoint, createHistory, HISTORY_LIMIT, record, redo, replace, undo } from './history';

describe('history', () => {
  it('undoes and redoes recorded states in order', () => {
    let h = record(record(createHistory('a'), 'b'), 'c');
    expect(h.present).toBe('c');
    h = undo(h);
    expect(h.present).toBe('b');
    h = undo(h);
    expect([h.present, canUndo(h), canRedo(h)]).toEqual(['a', false, true]);
    h = redo(h);
    expect(h.present).toBe('b');
    expect(h.future).toEqual(['c']);
  });

  it('drops the redo branch when a new state is recorded', () => {
    const h = record(undo(record(createHistory('a'), 'b')), 'x');
    expect([h.past, h.present, h.future]).toEqual([['a'], 'x', []]);
  });

  it('merges a run of edits with the same key into one step, and ends the run on another change', () => {
    let h = record(createHistory(''), 'h', 'label:send-1');
    h = record(h, 'he', 'label:send-1');
    h = record(h, 'hel', 'label:send-1');
    expect([h.past, h.present]).toEqual([[''], 'hel']);
    h = record(h, 'hel!', 'label:wait-1');
    expect(h.past).toEqual(['', 'hel']);
    expect(undo(undo(h)).present).toBe('');
  });

  it('makes a drag one step: a checkpoint first, then the frames replace the present', () => {
    let h = checkpoint(createHistory({ x: 0 }));
    h = replace(h, { x: 5 });
    h = replace(h, { x: 9 });
    expect(h.past).toEqual([{ x: 0 }]);
    expect(undo(h).present).toEqual({ x: 0 });
  });

  it('keeps at most HISTORY_LIMIT steps', () => {
    let h = createHistory(0);
    for (let i = 1; i <= HISTORY_LIMIT + 5; i++) h = record(h, i);
    expect(h.past).toHaveLength(HISTORY_LIMIT);
    expect(h.past[0]).toBe(5);
  });

  it('does nothing to undo or redo at the ends', () => {
    const h = createHistory('a');
    expect(undo(h)).toBe(h);
    expect(redo(h)).toBe(h);
  });
});
