import { useTranslation } from 'react-i18next';
import { Badge, type BadgeTone } from '../../ui/badge';
import type { ImportJobStatus } from './import-job';

const tones: Readonly<Record<ImportJobStatus, BadgeTone>> = {
  queued: 'neutral',
  running: 'info',
  succeeded: 'success',
  failed: 'danger',
};

export function ImportStatusBadge({ status }: { status: ImportJobStatus }) {
  const { t } = useTranslation();
  return <Badge tone={tones[status] ?? 'neutral'}>{t(`imports.status.${status}`)}</Badge>;
}
