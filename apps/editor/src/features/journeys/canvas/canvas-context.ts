import type { JourneyIssue } from '@kizuna/journey';
import { createContext, useContext } from 'react';
import type { CanvasDocument } from './canvas-document';
import type { Clip } from './clipboard';
import type { LiftFigures } from '../journey';
import type { NodeFigures } from './run-overlays';
import { useStore, type Store } from './store';

/** What is drawn over the journey without being part of it: issues, a dry run, live figures. */
export interface CanvasOverlay {
  issues: readonly JourneyIssue[];
  issuesByNode: ReadonlyMap<string, readonly JourneyIssue[]>;
  /** Dry run: customers per edge id and per node; null when no dry run is shown. */
  simulatedEdges: ReadonlyMap<string, number> | null;
  simulatedNodes: Readonly<Record<string, number>> | null;
  figures: ReadonlyMap<string, NodeFigures> | null;
  /** Lift against the holdout per node (holdout and send nodes), from the reports API. */
  lifts: ReadonlyMap<string, LiftFigures> | null;
  /** Segment names for the trigger cards' summaries. */
  segmentNames: ReadonlyMap<number, string>;
}

export const EMPTY_OVERLAY: CanvasOverlay = {
  issues: [],
  issuesByNode: new Map(),
  simulatedEdges: null,
  simulatedNodes: null,
  figures: null,
  lifts: null,
  segmentNames: new Map(),
};

export interface CanvasStores {
  document: Store<CanvasDocument>;
  overlay: Store<CanvasOverlay>;
  /** The last copy, pasted with Ctrl/Cmd+V (kept in the page: a journey's nodes are not text). */
  clipboard: { current: Clip | null };
}

export const CanvasStoresContext = createContext<CanvasStores | null>(null);

export function useCanvasStores(): CanvasStores {
  const stores = useContext(CanvasStoresContext);
  if (!stores) throw new Error('useCanvasStores must be used inside the journey editor');
  return stores;
}

export function useDocument<S>(selector: (doc: CanvasDocument) => S): S {
  return useStore(useCanvasStores().document, selector);
}

export function useOverlay<S>(selector: (overlay: CanvasOverlay) => S): S {
  return useStore(useCanvasStores().overlay, selector);
}
