import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../../session/use-formatters';
import { useOverlay } from './canvas-context';
import { formatPoints } from '../journey';
import type { NodeFigures } from './run-overlays';

const SHOWN: readonly (keyof NodeFigures)[] = [
  'entered',
  'waiting',
  'sent',
  'delivered',
  'opened',
  'clicked',
  'converted',
];

/** A running journey's figures for one node (only those above zero, to keep the card small). */
export const NodeFiguresLine = memo(function NodeFiguresLine({ nodeId }: { nodeId: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const figures = useOverlay((overlay) => overlay.figures?.get(nodeId));
  const lift = useOverlay((overlay) => overlay.lifts?.get(nodeId));
  if (!figures) return null;
  const shown = SHOWN.filter((key) => key === 'entered' || figures[key] > 0);
  return (
    <dl className="journey-node__figures">
      {shown.map((key) => (
        <div key={key}>
          <dt>{t(`canvas.stats.${key}`)}</dt>
          <dd>{format.number(figures[key])}</dd>
        </div>
      ))}
      {lift && (
        <div>
          <dt>{t('canvas.stats.lift')}</dt>
          <dd>
            {formatPoints(lift.difference.estimate, format.locale)}
            {lift.significant && ' *'}
          </dd>
        </div>
      )}
    </dl>
  );
});
