import { createStore } from './store';

describe('createStore', () => {
  it('notifies on a change and not on the same value', () => {
    const store = createStore({ count: 0 });
    const calls: number[] = [];
    const unsubscribe = store.subscribe(() => calls.push(store.get().count));
    store.set((s) => ({ count: s.count + 1 }));
    store.set((s) => s);
    unsubscribe();
    store.set({ count: 5 });
    expect(calls).toEqual([1]);
    expect(store.get()).toEqual({ count: 5 });
  });
});
