import { STEP_NODE_TYPES, TRIGGER_NODE_TYPES, type NodeType } from '@kizuna/journey';
import { useReactFlow } from '@xyflow/react';
import { memo, useId, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCanvasStores } from './canvas-context';
import { addNodeAfterSelection } from './canvas-commands';
import { DEFAULT_NODE_SIZE } from './auto-layout';
import { PALETTE_MIME } from './journey-flow';

/**
 * Every node type of libs/journey, to drag onto the canvas or add with Enter (after the selected
 * node, connected to it), so the canvas can be built without a mouse.
 */
export const NodePalette = memo(function NodePalette({ canvasId }: { canvasId: string }) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <nav className="journey-palette" aria-labelledby={headingId}>
      <h2 id={headingId} className="journey-palette__title">
        {t('canvas.palette.title')}
      </h2>
      <p className="journey-palette__hint">{t('canvas.palette.hint')}</p>
      <PaletteGroup title={t('canvas.palette.triggers')} types={TRIGGER_NODE_TYPES} canvasId={canvasId} />
      <PaletteGroup title={t('canvas.palette.steps')} types={STEP_NODE_TYPES} canvasId={canvasId} />
    </nav>
  );
});

function PaletteGroup({ title, types, canvasId }: { title: string; types: readonly NodeType[]; canvasId: string }) {
  const { t } = useTranslation();
  const { document } = useCanvasStores();
  const { screenToFlowPosition } = useReactFlow();
  const headingId = useId();

  const onDragStart = (event: DragEvent<HTMLButtonElement>, type: NodeType) => {
    event.dataTransfer.setData(PALETTE_MIME, type);
    event.dataTransfer.effectAllowed = 'move';
  };
  const add = (type: NodeType) => {
    const canvas = window.document.getElementById(canvasId)?.getBoundingClientRect();
    const centre = canvas
      ? screenToFlowPosition({ x: canvas.left + canvas.width / 2, y: canvas.top + canvas.height / 2 })
      : { x: 0, y: 0 };
    addNodeAfterSelection(document, type, {
      x: Math.round(centre.x - DEFAULT_NODE_SIZE.width / 2),
      y: Math.round(centre.y - DEFAULT_NODE_SIZE.height / 2),
    });
  };

  return (
    <section aria-labelledby={headingId}>
      <h3 id={headingId} className="journey-palette__group">
        {title}
      </h3>
      <ul className="journey-palette__list">
        {types.map((type) => (
          <li key={type}>
            <button
              type="button"
              draggable
              className={`journey-palette__item journey-palette__item--${type.startsWith('trigger.') ? 'trigger' : 'step'}`}
              data-node-type={type}
              title={t(`canvas.nodeHelp.${type}`)}
              aria-label={t('canvas.palette.add', { type: t(`canvas.nodeTypes.${type}`) })}
              onDragStart={(event) => onDragStart(event, type)}
              onClick={() => add(type)}
            >
              {t(`canvas.nodeTypes.${type}`)}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
