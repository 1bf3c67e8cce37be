import { isTriggerNode } from '@kizuna/journey';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../../session/use-formatters';
import { useOverlay } from './canvas-context';
import type { JourneyFlowNode } from './flow-types';
import { exitLabels } from './node-exit-labels';
import { nodeSummary } from './node-summary';
import { NodeFiguresLine } from './node-figures-line';

/**
 * A journey node on the canvas: type, label, a summary of its settings, its issues and figures,
 * and one labelled handle per exit. Memoised: React Flow passes a new `data` only when the node's
 * settings change, and overlays are read by node id, so a drag re-renders the dragged node alone.
 */
export const JourneyNodeCard = memo(function JourneyNodeCard({ id, type, data, selected }: NodeProps<JourneyFlowNode>) {
  const { t } = useTranslation();
  const format = useFormatters();
  const issues = useOverlay((overlay) => overlay.issuesByNode.get(id));
  const simulated = useOverlay((overlay) => overlay.simulatedNodes?.[id]);
  const segmentName = useOverlay((overlay) => overlay.segmentNames);
  const trigger = isTriggerNode({ type });
  const exits = exitLabels(type, data.config, t);
  const summary = nodeSummary(type, data.config, t, { segmentName: (segment) => segmentName.get(segment) });
  const typeName = t(`canvas.nodeTypes.${type}`);
  const classes = [
    'journey-node',
    trigger ? 'journey-node--trigger' : '',
    issues ? 'journey-node--invalid' : '',
    selected ? 'journey-node--selected' : '',
  ];
  return (
    <div className={classes.filter(Boolean).join(' ')} data-node-id={id} data-testid={`journey-node-${id}`}>
      {!trigger && <Handle type="target" position={Position.Left} className="journey-node__target" />}
      <div className="journey-node__type">{typeName}</div>
      <div className="journey-node__title">{data.label || id}</div>
      {summary && <div className="journey-node__summary">{summary}</div>}
      {issues && (
        <div className="journey-node__issues" title={issues.map((issue) => issue.message).join('\n')}>
          <span aria-hidden="true">⚠ </span>
          {t('canvas.node.issues', { count: issues.length })}
        </div>
      )}
      {simulated !== undefined && (
        <div className="journey-node__simulated">{t('canvas.node.simulated', { count: format.number(simulated) })}</div>
      )}
      <NodeFiguresLine nodeId={id} />
      {exits.length > 0 && (
        <ul className="journey-node__exits">
          {exits.map((exit) => (
            <li key={exit.id} className="journey-node__exit">
              {exits.length > 1 && <span className="journey-node__exit-label">{exit.label}</span>}
              <Handle
                type="source"
                position={Position.Right}
                id={exit.id}
                className="journey-node__source"
                data-exit={exit.id}
              />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
});
