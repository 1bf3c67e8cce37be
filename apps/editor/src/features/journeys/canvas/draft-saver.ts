import type { JourneyGraphInput } from '@kizuna/journey';
import type { CanvasDocument } from './canvas-document';
import { flowToGraph } from './flow-graph';
import { createStore, type Store } from './store';

export type SaveStatus = 'saved' | 'unsaved' | 'saving' | 'error';

export interface SaveState {
  status: SaveStatus;
  error: unknown;
}

export interface DraftSaver {
  state: Store<SaveState>;
  /** Saves now if anything is unsaved (before publishing or leaving); true when all is saved. */
  flush: () => Promise<boolean>;
  /** Starts watching the document; returns the function that stops (React effects start and stop it). */
  start: () => () => void;
}

/** How long the canvas must be still before it is saved: a burst of edits is one request. */
export const AUTOSAVE_DELAY_MS = 800;

/**
 * Autosave: watches the document outside React (a drag changes it every frame, and nothing should
 * re-render for that), saves `delayMs` after the last change, one request at a time, and says
 * whether everything is saved. A failed save stays "error" until the next change or flush retries.
 */
export function createDraftSaver(
  document: Store<CanvasDocument>,
  save: (graph: JourneyGraphInput) => Promise<unknown>,
  delayMs = AUTOSAVE_DELAY_MS,
): DraftSaver {
  const state = createStore<SaveState>({ status: 'saved', error: null });
  let savedRevision = document.get().revision;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const setStatus = (status: SaveStatus, error: unknown = null) =>
    state.set((current) => (current.status === status && current.error === error ? current : { status, error }));

  async function saveOnce(): Promise<boolean> {
    const doc = document.get();
    if (doc.revision === savedRevision) return true;
    const revision = doc.revision;
    setStatus('saving');
    try {
      await save(flowToGraph(doc.history.present, doc.reentry));
      savedRevision = revision;
      setStatus(document.get().revision === savedRevision ? 'saved' : 'unsaved');
      return true;
    } catch (error) {
      setStatus('error', error);
      return false;
    }
  }

  // Saves run one after another: a flush during a save waits for it, then saves what is left.
  let chain: Promise<boolean> = Promise.resolve(true);
  function flush(): Promise<boolean> {
    if (timer) clearTimeout(timer);
    timer = null;
    chain = chain.then(async () => {
      let ok = await saveOnce();
      // Edits made while the request was in flight: save them too before saying all is saved.
      while (ok && document.get().revision !== savedRevision) ok = await saveOnce();
      return ok;
    });
    return chain;
  }

  let lastRevision = savedRevision;
  const onChange = () => {
    const { revision } = document.get();
    if (revision === lastRevision) return;
    lastRevision = revision;
    if (state.get().status !== 'saving') setStatus('unsaved');
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void flush(), delayMs);
  };

  return {
    state,
    flush,
    start() {
      const unsubscribe = document.subscribe(onChange);
      return () => {
        unsubscribe();
        // Leaving with a save pending: save now rather than drop the last edits.
        if (timer) void flush();
      };
    },
  };
}
