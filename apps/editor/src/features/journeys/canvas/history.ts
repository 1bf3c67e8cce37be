/**
 * Undo and redo over immutable snapshots. `coalesce` merges a run of edits of the same thing (the
 * keystrokes of one field) into one step, as text editors do; any other change ends the run.
 */
export interface History<T> {
  past: readonly T[];
  present: T;
  future: readonly T[];
  /** The coalescing key of the last recorded edit, if it may be merged with the next one. */
  lastKey: string | null;
}

export const HISTORY_LIMIT = 100;

export function createHistory<T>(present: T): History<T> {
  return { past: [], present, future: [], lastKey: null };
}

/** A new state the marketer can undo. */
export function record<T>(history: History<T>, next: T, coalesce: string | null = null): History<T> {
  if (coalesce !== null && coalesce === history.lastKey) return { ...history, present: next, future: [] };
  return {
    past: [...history.past, history.present].slice(-HISTORY_LIMIT),
    present: next,
    future: [],
    lastKey: coalesce,
  };
}

/** Marks the present as a step to come back to, before a change that arrives in many parts (a drag). */
export function checkpoint<T>(history: History<T>): History<T> {
  return {
    past: [...history.past, history.present].slice(-HISTORY_LIMIT),
    present: history.present,
    future: [],
    lastKey: null,
  };
}

/** Changes the present without a step of its own: selection, sizes measured, the frames of a drag. */
export function replace<T>(history: History<T>, next: T): History<T> {
  return next === history.present ? history : { ...history, present: next };
}

export function undo<T>(history: History<T>): History<T> {
  const previous = history.past[history.past.length - 1];
  if (previous === undefined) return history;
  return {
    past: history.past.slice(0, -1),
    present: previous,
    future: [history.present, ...history.future],
    lastKey: null,
  };
}

export function redo<T>(history: History<T>): History<T> {
  const [next, ...rest] = history.future;
  if (next === undefined) return history;
  return { past: [...history.past, history.present], present: next, future: rest, lastKey: null };
}

export const canUndo = (history: History<unknown>): boolean => history.past.length > 0;
export const canRedo = (history: History<unknown>): boolean => history.future.length > 0;
