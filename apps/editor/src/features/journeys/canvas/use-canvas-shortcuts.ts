import { useEffect } from 'react';
import { isEditingText, type CanvasCommands } from './use-canvas-commands';

/**
 * Ctrl/Cmd+Z undo, Shift+Ctrl/Cmd+Z and Ctrl+Y redo, Ctrl/Cmd+C and V copy and paste of nodes.
 * Left to the browser in text fields, and for copy when text is selected on the page. Only copy on
 * a read-only canvas.
 */
export function useCanvasShortcuts(commands: CanvasCommands, editable = true): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || isEditingText(event.target)) return;
      const key = event.key.toLowerCase();
      // A read-only canvas still copies (to paste into a journey the user may change).
      if (!editable && key !== 'c') return;
      if (key === 'z' && !event.shiftKey) commands.undo();
      else if ((key === 'z' && event.shiftKey) || key === 'y') commands.redo();
      else if (key === 'c' && !window.getSelection()?.toString()) {
        if (!commands.copy()) return;
      } else if (key === 'v') commands.paste();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [commands, editable]);
}
