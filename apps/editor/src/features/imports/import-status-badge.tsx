import { useTranslation } from 'react-i18next';
import { Badge, type BadgeTone } from '../../ui/badge';
import type { ImportJobStatus } from './import-job';

// Partial: the engine may report a status this build does not know yet.
const tones: Readonly<Partial<Record<string, BadgeTone>>> = {
  queued: 'neutral',
  running: 'info',
  succeeded: 'success',
  failed: 'danger',
};

export function ImportStatusBadge({ status }: { status: ImportJobStatus }) {
  const { t } = useTranslation();
  return <Badge tone={tones[status] ?? 'neutral'}>{t(`imports.status.${status}`)}</Badge>;
}
