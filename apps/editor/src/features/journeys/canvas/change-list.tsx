import { useTranslation } from 'react-i18next';
import type { GraphChange } from './graph-diff';

/** The diff of a publish in the marketer's language. */
export function ChangeList({ changes }: { changes: readonly GraphChange[] }) {
  const { t } = useTranslation();
  const typeName = (type: string) => t(`canvas.nodeTypes.${type}` as 'canvas.nodeTypes.wait', { defaultValue: type });
  if (changes.length === 0) return <p>{t('canvas.publish.noChanges')}</p>;
  const first = changes[0]?.kind === 'first-version';
  return (
    <>
      <p>{first ? t('canvas.publish.firstBody') : t('canvas.publish.confirmBody')}</p>
      <ul className="journey-changes" data-testid="publish-changes">
        {changes.map((change, index) => (
          <li key={index}>{describe(change)}</li>
        ))}
      </ul>
    </>
  );

  function describe(change: GraphChange): string {
    switch (change.kind) {
      case 'first-version':
        return t('canvas.publish.changes.first-version', { nodes: change.nodes, edges: change.edges });
      case 'added':
      case 'removed':
      case 'reconfigured':
        return t(`canvas.publish.changes.${change.kind}`, { type: typeName(change.type), node: change.nodeId });
      case 'retyped':
        return t('canvas.publish.changes.retyped', {
          node: change.nodeId,
          from: typeName(change.from),
          to: typeName(change.to),
        });
      case 'connected':
      case 'disconnected':
        return t(`canvas.publish.changes.${change.kind}`, {
          source: change.source,
          exit: change.handle,
          target: change.target,
        });
      case 'reentry':
        return t('canvas.publish.changes.reentry', { mode: change.mode });
    }
  }
}
