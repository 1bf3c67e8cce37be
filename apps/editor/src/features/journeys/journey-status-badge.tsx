import { useTranslation } from 'react-i18next';
import { Badge, type BadgeTone } from '../../ui/badge';
import type { JourneyStatus } from './journey';

// Partial: the engine may report a status this build does not know yet.
const tones: Readonly<Partial<Record<string, BadgeTone>>> = {
  draft: 'neutral',
  active: 'success',
  paused: 'warning',
  archived: 'neutral',
};

export function JourneyStatusBadge({ status }: { status: JourneyStatus }) {
  const { t } = useTranslation();
  return <Badge tone={tones[status] ?? 'neutral'}>{t(`journeys.status.${status}`)}</Badge>;
}
