import { validateJourney, type ValidateJourneyOptions } from '@kizuna/journey';
import type { CanvasOverlay } from './canvas-context';
import type { CanvasDocument } from './canvas-document';
import { flowToGraph } from './flow-graph';
import { indexIssuesByNode } from './issue-index';
import type { Store } from './store';

/** Quiet time before validating again: typing in a field validates once when the typing pauses. */
export const VALIDATION_DELAY_MS = 250;

/**
 * Runs libs/journey's `validateJourney` (the engine's own rules) over the canvas when its structure
 * changes, off the drag path (moves do not change validity) and debounced, and puts the issues on
 * the overlay. Returns a function that stops it.
 */
export function startLiveValidation(
  document: Store<CanvasDocument>,
  overlay: Store<CanvasOverlay>,
  options: () => ValidateJourneyOptions,
  delayMs = VALIDATION_DELAY_MS,
): { revalidate: () => void; stop: () => void } {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let seen = -1;
  const run = () => {
    timer = null;
    const doc = document.get();
    const { issues } = validateJourney(flowToGraph(doc.history.present, doc.reentry), options());
    overlay.set((current) => ({ ...current, issues, issuesByNode: indexIssuesByNode(issues, current.issuesByNode) }));
  };
  const schedule = (delay: number) => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(run, delay);
  };
  const unsubscribe = document.subscribe(() => {
    const { structureRevision } = document.get();
    if (structureRevision === seen) return;
    seen = structureRevision;
    schedule(delayMs);
  });
  seen = document.get().structureRevision;
  run();
  return {
    revalidate: () => schedule(0),
    stop() {
      unsubscribe();
      if (timer) clearTimeout(timer);
    },
  };
}
