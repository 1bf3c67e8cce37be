import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocker } from 'react-router';
import { Button } from '../../../ui/button';
import type { DraftSaver } from './draft-saver';
import { ModalDialog } from '../../../ui/modal-dialog';
import { useStore } from './store';

/**
 * Leaving with unsaved edits: within the app, save first and go on (autosave's promise), asking
 * only when the save fails; closing or reloading the tab asks the browser's own question.
 */
export function UnsavedChangesGuard({ saver }: { saver: DraftSaver }) {
  const { t } = useTranslation();
  const dirty = useStore(saver.state, (state) => state.status !== 'saved');
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname,
  );
  const [ask, setAsk] = useState(false);

  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty]);

  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    let cancelled = false;
    void saver.flush().then((ok) => {
      if (cancelled) return;
      if (ok) blocker.proceed();
      else setAsk(true);
    });
    return () => {
      cancelled = true;
    };
  }, [blocker, saver]);

  const stay = () => {
    setAsk(false);
    if (blocker.state === 'blocked') blocker.reset();
  };
  return (
    <ModalDialog
      open={ask}
      role="alertdialog"
      title={t('canvas.guard.title')}
      onClose={stay}
      actions={
        <>
          <Button variant="secondary" onClick={stay}>
            {t('canvas.guard.stay')}
          </Button>
          <Button
            variant="danger"
            onClick={() => {
              setAsk(false);
              if (blocker.state === 'blocked') blocker.proceed();
            }}
          >
            {t('canvas.guard.leave')}
          </Button>
        </>
      }
    >
      <p>{t('canvas.guard.body')}</p>
    </ModalDialog>
  );
}
