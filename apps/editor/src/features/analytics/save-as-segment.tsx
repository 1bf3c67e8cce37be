import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePermission } from '../../session/session-context';
import { Button } from '../../ui/button';
import { ErrorBanner } from '../../ui/error-banner';
import { Notice } from '../../ui/notice';
import type { AnalysisGroup } from './analysis';
import { useSaveAnalysisSegment } from './analytics.api';

/** Whether the role may keep a group as a segment; tables leave their save column out when not. */
export function useCanSaveSegments(): boolean {
  return usePermission('segments.write');
}

export interface SaveAsSegmentProps {
  group: AnalysisGroup;
  /** Names the group in the button for screen readers when several buttons share a page (a table row). */
  label?: string;
  /** A button alone, for table rows. */
  compact?: boolean;
}

/**
 * Keeps an analysis group as a live segment: the engine names it (e.g. "RF <2ヶ月 × 1回") and its
 * rule reads the figures of each analytics refresh, so membership follows the analysis.
 */
export function SaveAsSegment({ group, label, compact = false }: SaveAsSegmentProps) {
  const { t } = useTranslation();
  const save = useSaveAnalysisSegment();
  const [name, setName] = useState('');
  const allowed = useCanSaveSegments();
  if (!allowed) return null;
  const buttonLabel = label ? t('analytics.save.buttonFor', { label }) : t('analytics.save.button');
  const saved = save.data;
  return (
    <div className={compact ? 'save-segment save-segment--compact' : 'save-segment'}>
      {!compact && (
        <label className="save-segment__name">
          <span className="field__label">{t('analytics.save.name')}</span>
          <span className="field__hint">{t('analytics.save.nameHint')}</span>
          <input className="input" value={name} maxLength={200} onChange={(event) => setName(event.target.value)} />
        </label>
      )}
      <Button
        variant={compact ? 'secondary' : 'primary'}
        busy={save.isPending}
        onClick={() => save.mutate({ group, ...(name.trim() ? { name: name.trim() } : {}) })}
      >
        {buttonLabel}
      </Button>
      {saved && (
        <Notice tone="success" role="status">
          {t('analytics.save.saved')} <Link to={`/segments/${saved.id}`}>{saved.name}</Link>
        </Notice>
      )}
      {save.isError && <ErrorBanner error={save.error} title={t('analytics.save.failed')} />}
    </div>
  );
}
