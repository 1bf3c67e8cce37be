import { useReactFlow } from '@xyflow/react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { groupIssuesByNode } from '../journey';
import { useCanvasStores, useOverlay } from './canvas-context';
import { selectNode } from './canvas-document';
import { IssueText } from './issue-text';

/** Every issue, by node; a node's name selects it and brings it into view. */
export function IssuePanel() {
  const { t } = useTranslation();
  const headingId = useId();
  const { document } = useCanvasStores();
  const issues = useOverlay((overlay) => overlay.issues);
  const { setCenter, getInternalNode } = useReactFlow();
  const groups = groupIssuesByNode(
    issues,
    document
      .get()
      .history.present.nodes.map((node) => ({ id: node.id, type: node.type, label: node.data.label ?? null })),
  );
  const show = (nodeId: string) => {
    document.set((doc) => selectNode(doc, nodeId));
    const node = getInternalNode(nodeId);
    if (!node) return;
    const { x, y } = node.internals.positionAbsolute;
    void setCenter(x + (node.measured.width ?? 0) / 2, y + (node.measured.height ?? 0) / 2, { zoom: 1, duration: 200 });
  };
  return (
    <section className="journey-issues-panel" aria-labelledby={headingId}>
      <h2 id={headingId} className="journey-side__title">
        {t('canvas.issues.title')}{' '}
        {issues.length > 0 && (
          <span className="badge badge--warning">{t('canvas.issues.count', { count: issues.length })}</span>
        )}
      </h2>
      {issues.length === 0 ? (
        <p role="status" className="journey-issues-panel__ok">
          {t('canvas.issues.none')}
        </p>
      ) : (
        <ul className="journey-issues" data-testid="journey-issues">
          {groups.map((group) => (
            <li key={group.nodeId ?? ''}>
              {group.nodeId === null ? (
                t('canvas.issues.graph')
              ) : (
                <button type="button" className="link-button" onClick={() => show(group.nodeId!)}>
                  {t('canvas.issues.show', { node: group.nodeId })}
                </button>
              )}
              <ul>
                {group.issues.map((issue, index) => (
                  <li key={`${issue.code}-${index}`} data-issue-code={issue.code}>
                    <IssueText issue={issue} />
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
