import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../../session/use-formatters';
import { useOverlay } from './canvas-context';
import type { JourneyFlowEdge } from './flow-types';

/** An edge with its dry-run count: highlighted when customers took it, with how many. */
export const JourneyEdge = memo(function JourneyEdge(props: EdgeProps<JourneyFlowEdge>) {
  const { t } = useTranslation();
  const format = useFormatters();
  const count = useOverlay((overlay) => overlay.simulatedEdges?.get(props.id));
  const [path, labelX, labelY] = getBezierPath(props);
  const highlighted = count !== undefined && count > 0;
  return (
    <>
      <BaseEdge
        id={props.id}
        path={path}
        markerEnd={props.markerEnd}
        className={[highlighted ? 'journey-edge--simulated' : '', props.selected ? 'journey-edge--selected' : '']
          .filter(Boolean)
          .join(' ')}
      />
      {count !== undefined && (
        <EdgeLabelRenderer>
          <div
            className={highlighted ? 'journey-edge__count journey-edge__count--taken' : 'journey-edge__count'}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            data-edge-count={props.id}
          >
            {t('canvas.dryRun.edge', { count: format.number(count) })}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
});
