import { useTranslation } from 'react-i18next';
import { Button } from '../../../ui/button';
import { useDocument } from './canvas-context';
import { canRedo, canUndo } from './history';
import { SaveIndicator } from './save-indicator';
import type { CanvasCommands } from './use-canvas-commands';
import type { DraftSaver } from './draft-saver';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.userAgent);
const mod = isMac ? '⌘' : 'Ctrl+';

export function CanvasToolbar({
  commands,
  saver,
  editable,
}: {
  commands: CanvasCommands;
  saver: DraftSaver;
  /** False: only what looks (copy, fit); nothing that changes the journey. */
  editable: boolean;
}) {
  const { t } = useTranslation();
  const undoable = useDocument((doc) => canUndo(doc.history));
  const redoable = useDocument((doc) => canRedo(doc.history));
  const selected = useDocument(
    (doc) => doc.history.present.nodes.some((n) => n.selected) || doc.history.present.edges.some((e) => e.selected),
  );
  return (
    <div className="journey-toolbar" role="toolbar" aria-label={t('canvas.toolbar.label')}>
      {editable && (
        <>
          <Button
            variant="ghost"
            onClick={commands.undo}
            disabled={!undoable}
            aria-keyshortcuts="Control+Z Meta+Z"
            title={`${t('canvas.toolbar.undo')} (${mod}Z)`}
          >
            {t('canvas.toolbar.undo')}
          </Button>
          <Button
            variant="ghost"
            onClick={commands.redo}
            disabled={!redoable}
            aria-keyshortcuts="Control+Shift+Z Meta+Shift+Z Control+Y"
            title={`${t('canvas.toolbar.redo')} (${mod}Shift+Z)`}
          >
            {t('canvas.toolbar.redo')}
          </Button>
        </>
      )}
      <Button variant="ghost" onClick={() => commands.copy()} disabled={!selected} aria-keyshortcuts="Control+C Meta+C">
        {t('canvas.toolbar.copy')}
      </Button>
      {editable && (
        <>
          <Button variant="ghost" onClick={commands.paste} aria-keyshortcuts="Control+V Meta+V">
            {t('canvas.toolbar.paste')}
          </Button>
          <Button
            variant="ghost"
            onClick={commands.deleteSelection}
            disabled={!selected}
            aria-keyshortcuts="Delete Backspace"
          >
            {t('canvas.toolbar.delete')}
          </Button>
          <Button variant="ghost" onClick={commands.autoLayout}>
            {t('canvas.toolbar.layout')}
          </Button>
        </>
      )}
      <Button variant="ghost" onClick={commands.fit}>
        {t('canvas.toolbar.fit')}
      </Button>
      {editable && <SaveIndicator saver={saver} />}
    </div>
  );
}
