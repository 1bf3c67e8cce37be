import { useReactFlow } from '@xyflow/react';
import { useMemo } from 'react';
import { DEFAULT_NODE_SIZE, layoutJourney } from './auto-layout';
import { useCanvasStores } from './canvas-context';
import { deleteSelected, moveNodes, paste, redoDocument, undoDocument } from './canvas-document';
import { copySelection } from './clipboard';

/** Where a paste lands relative to the copied nodes, so copies do not hide the originals. */
const PASTE_OFFSET = { x: 40, y: 40 };

export interface CanvasCommands {
  undo: () => void;
  redo: () => void;
  copy: () => boolean;
  paste: () => void;
  deleteSelection: () => void;
  autoLayout: () => void;
  fit: () => void;
}

/** The toolbar's and the shortcuts' actions on the canvas. */
export function useCanvasCommands(): CanvasCommands {
  const { document, clipboard } = useCanvasStores();
  const { fitView } = useReactFlow();
  return useMemo(() => {
    const fit = () => void fitView({ padding: 0.15, maxZoom: 1, duration: 200 });
    return {
      undo: () => document.set(undoDocument),
      redo: () => document.set(redoDocument),
      copy() {
        clipboard.current = copySelection(document.get().history.present);
        return clipboard.current !== null;
      },
      paste() {
        const clip = clipboard.current;
        if (!clip) return;
        document.set((doc) => paste(doc, clip, PASTE_OFFSET));
        // The next paste lands further on, as in drawing tools.
        clipboard.current = {
          ...clip,
          nodes: clip.nodes.map((node) => ({
            ...node,
            position: { x: node.position.x + PASTE_OFFSET.x, y: node.position.y + PASTE_OFFSET.y },
          })),
        };
      },
      deleteSelection: () => document.set(deleteSelected),
      autoLayout() {
        const { nodes, edges } = document.get().history.present;
        const positions = layoutJourney(
          nodes.map((node) => ({
            id: node.id,
            width: node.measured?.width ?? DEFAULT_NODE_SIZE.width,
            height: node.measured?.height ?? DEFAULT_NODE_SIZE.height,
          })),
          edges,
        );
        document.set((doc) => moveNodes(doc, positions));
        requestAnimationFrame(fit);
      },
      fit,
    };
  }, [document, clipboard, fitView]);
}

/** Whether a key press belongs to a text field (its own undo, copy and paste win there). */
export function isEditingText(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}
