import type { JourneyIssue } from '@kizuna/journey';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../ui/button';
import { ErrorBanner } from '../../../ui/error-banner';
import { Notice } from '../../../ui/notice';
import type { JourneyDetail } from '../journey';
import { fetchVersions, useJourneyLifecycle } from './canvas.api';
import { useCanvasStores } from './canvas-context';
import type { DraftSaver } from './draft-saver';
import { flowToGraph } from './flow-graph';
import { diffGraphs, type GraphChange } from './graph-diff';
import { ChangeList } from './change-list';
import { IssueText } from './issue-text';
import { ModalDialog } from '../../../ui/modal-dialog';

type Step =
  | { kind: 'idle' }
  | { kind: 'preparing' }
  | { kind: 'refused'; issues: readonly JourneyIssue[] }
  | { kind: 'confirm'; version: number; changes: GraphChange[] }
  | { kind: 'failed'; error: unknown };

/**
 * Publish (save first; refused with the issue list when invalid; else confirm with what changed
 * against the live version), and pause or resume a published journey.
 */
export function PublishControls({ journey, saver }: { journey: JourneyDetail; saver: DraftSaver }) {
  const { t } = useTranslation();
  const { document, overlay } = useCanvasStores();
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const publish = useJourneyLifecycle(journey.id, 'publish');
  const pause = useJourneyLifecycle(journey.id, 'pause');
  const resume = useJourneyLifecycle(journey.id, 'resume');

  const start = async () => {
    setStep({ kind: 'preparing' });
    publish.reset();
    if (!(await saver.flush())) {
      setStep({ kind: 'failed', error: saver.state.get().error });
      return;
    }
    const { issues } = overlay.get();
    if (issues.length > 0) {
      setStep({ kind: 'refused', issues });
      return;
    }
    try {
      const versions = await fetchVersions(journey.id);
      const live = versions.find((version) => version.version === journey.currentVersion) ?? null;
      const doc = document.get();
      const changes = diffGraphs(live?.graph ?? null, flowToGraph(doc.history.present, doc.reentry));
      const latest = versions.reduce((max, version) => Math.max(max, version.version), 0);
      setStep({ kind: 'confirm', version: latest + 1, changes });
    } catch (error) {
      setStep({ kind: 'failed', error });
    }
  };
  const close = () => setStep({ kind: 'idle' });

  return (
    <div className="journey-publish">
      {journey.status === 'active' && (
        <Button variant="secondary" busy={pause.isPending} onClick={() => pause.mutate()}>
          {t('canvas.lifecycle.pause')}
        </Button>
      )}
      {journey.status === 'paused' && (
        <Button variant="secondary" busy={resume.isPending} onClick={() => resume.mutate()}>
          {t('canvas.lifecycle.resume')}
        </Button>
      )}
      <Button variant="primary" busy={step.kind === 'preparing'} onClick={() => void start()}>
        {t('canvas.publish.submit')}
      </Button>
      {(pause.isError || resume.isError) && (
        <ErrorBanner error={pause.error ?? resume.error} title={t('canvas.lifecycle.failed')} />
      )}
      {publish.isSuccess && step.kind === 'idle' && (
        <Notice tone="success" role="status" title={t('canvas.publish.done', { version: publish.data.version })} />
      )}
      {step.kind === 'failed' && <ErrorBanner error={step.error} title={t('canvas.publish.failed')} />}

      <ModalDialog
        open={step.kind === 'refused'}
        role="alertdialog"
        title={t('canvas.publish.refusedTitle')}
        onClose={close}
        actions={
          <Button variant="primary" onClick={close}>
            {t('canvas.publish.close')}
          </Button>
        }
      >
        <p>{t('canvas.publish.refusedBody')}</p>
        <ul className="journey-issues" data-testid="publish-refused-issues">
          {step.kind === 'refused' &&
            step.issues.map((issue, index) => (
              <li key={`${issue.code}-${index}`}>
                <IssueText issue={issue} />
              </li>
            ))}
        </ul>
      </ModalDialog>

      <ModalDialog
        open={step.kind === 'confirm'}
        title={step.kind === 'confirm' ? t('canvas.publish.confirmTitle', { version: step.version }) : ''}
        onClose={close}
        actions={
          <>
            <Button variant="secondary" onClick={close}>
              {t('canvas.publish.cancel')}
            </Button>
            <Button
              variant="primary"
              busy={publish.isPending}
              onClick={() => publish.mutate(undefined, { onSuccess: close })}
            >
              {t('canvas.publish.confirm')}
            </Button>
          </>
        }
      >
        {step.kind === 'confirm' && <ChangeList changes={step.changes} />}
        {publish.isError && <ErrorBanner error={publish.error} title={t('canvas.publish.failed')} />}
      </ModalDialog>
    </div>
  );
}
