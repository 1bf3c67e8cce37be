import { useSyncExternalStore } from 'react';

/**
 * A minimal external store (the pattern of zustand, which React Flow uses inside): components read
 * a slice through `useStore(store, selector)` and re-render only when that slice changes, so a drag
 * that moves one node does not re-render the side panel or the other nodes' overlays.
 */
export interface Store<T> {
  get: () => T;
  set: (next: T | ((state: T) => T)) => void;
  subscribe: (listener: () => void) => () => void;
}

export function createStore<T>(initial: T): Store<T> {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    set(next) {
      const value = typeof next === 'function' ? (next as (state: T) => T)(state) : next;
      if (Object.is(value, state)) return;
      state = value;
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The slice `selector` picks; it must return a stored value or a primitive (not a new object each time). */
export function useStore<T, S>(store: Store<T>, selector: (state: T) => S): S {
  return useSyncExternalStore(store.subscribe, () => selector(store.get()));
}
