import { useTranslation } from 'react-i18next';
import { Button } from '../../../ui/button';
import type { DraftSaver } from './draft-saver';
import { useStore } from './store';

/** Saved / saving / unsaved / error, announced politely; an error offers to save again. */
export function SaveIndicator({ saver }: { saver: DraftSaver }) {
  const { t } = useTranslation();
  const status = useStore(saver.state, (state) => state.status);
  return (
    <span className={`journey-save journey-save--${status}`} data-save-status={status}>
      <span role="status">{t(`canvas.save.${status}`)}</span>
      {status === 'error' && (
        <Button variant="secondary" onClick={() => void saver.flush()}>
          {t('canvas.save.retry')}
        </Button>
      )}
    </span>
  );
}
