import { REENTRY_MODES } from '@kizuna/journey';
import { useCallback, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../ui/button';
import { useCanvasStores, useDocument, useOverlay } from './canvas-context';
import { deleteSelected, setReentry, updateNodeData } from './canvas-document';
import { isRecord } from './flow-graph';
import { fieldError, numberText, parseNumber, SelectInput, TextInput, withValue, type Config } from './forms/form-kit';
import { NODE_FORMS } from './forms/node-form';
import { IssueText } from './issue-text';

/** The selected node's form; with nothing selected, the journey's own settings. Read-only: shown, not changed. */
export function SidePanel({ editable = true }: { editable?: boolean }) {
  const { t } = useTranslation();
  const headingId = useId();
  const selectedIds = useDocument((doc) => selectedNodeIds(doc.history.present.nodes));
  const ids = selectedIds ? selectedIds.split('\n') : [];
  return (
    <aside className="journey-panel" aria-labelledby={headingId}>
      <h2 id={headingId} className="visually-hidden">
        {t('canvas.panel.title')}
      </h2>
      {/* A disabled fieldset disables every control inside, the node forms' own included. */}
      <fieldset className="journey-panel__fields" disabled={!editable}>
        {ids.length === 1 ? (
          <NodeSettings key={ids[0]} nodeId={ids[0]!} />
        ) : ids.length > 1 ? (
          <p className="muted">{t('canvas.panel.multiple', { count: ids.length })}</p>
        ) : (
          <JourneySettings />
        )}
      </fieldset>
    </aside>
  );
}

/** The selected ids as one string: a primitive, so the panel re-renders only when the selection changes. */
function selectedNodeIds(nodes: readonly { id: string; selected?: boolean }[]): string {
  let ids = '';
  for (const node of nodes) if (node.selected) ids = ids ? `${ids}\n${node.id}` : node.id;
  return ids;
}

function NodeSettings({ nodeId }: { nodeId: string }) {
  const { t } = useTranslation();
  const { document } = useCanvasStores();
  const type = useDocument((doc) => doc.history.present.nodes.find((node) => node.id === nodeId)?.type);
  const data = useDocument((doc) => doc.history.present.nodes.find((node) => node.id === nodeId)?.data);
  const issues = useOverlay((overlay) => overlay.issuesByNode.get(nodeId));
  const onChange = useCallback(
    (config: Config, field: string) =>
      document.set((doc) => {
        const current = doc.history.present.nodes.find((node) => node.id === nodeId);
        return current ? updateNodeData(doc, nodeId, { ...current.data, config }, `${nodeId}:${field}`) : doc;
      }),
    [document, nodeId],
  );
  if (!type || !data) return null;
  const Form = NODE_FORMS[type];
  const typeName = t(`canvas.nodeTypes.${type}`);
  return (
    <form
      className="journey-form"
      aria-label={t('canvas.panel.nodeTitle', { type: typeName })}
      onSubmit={(event) => event.preventDefault()}
    >
      <h3 className="journey-form__title">{t('canvas.panel.nodeTitle', { type: typeName })}</h3>
      <p className="journey-form__help">{t(`canvas.nodeHelp.${type}`)}</p>
      <p className="journey-form__id">
        {t('canvas.panel.id')}: <code>{nodeId}</code>
      </p>
      <TextInput
        label={t('canvas.panel.label')}
        hint={t('canvas.panel.labelHint')}
        value={data.label ?? ''}
        onChange={(label) =>
          document.set((doc) =>
            updateNodeData(
              doc,
              nodeId,
              withValue({ ...data }, 'label', label || undefined) as typeof data,
              `${nodeId}:label`,
            ),
          )
        }
      />
      <Form nodeId={nodeId} config={data.config} issues={issues} onChange={onChange} />
      {issues && (
        <div className="notice notice--warning">
          <p className="notice__title">{t('canvas.node.issuesLabel')}</p>
          <ul className="journey-form__issues">
            {issues.map((issue, index) => (
              <li key={`${issue.code}-${index}`}>
                <IssueText issue={issue} withoutNode />
              </li>
            ))}
          </ul>
        </div>
      )}
      <Button variant="danger" onClick={() => document.set(deleteSelected)}>
        {t('canvas.panel.deleteNode')}
      </Button>
    </form>
  );
}

function JourneySettings() {
  const { t } = useTranslation();
  const { document } = useCanvasStores();
  const reentry = useDocument((doc) => doc.reentry);
  const issues = useOverlay((overlay) => overlay.issues);
  const config: Config = isRecord(reentry) ? reentry : {};
  const mode = REENTRY_MODES.find((m) => m === config['mode']) ?? 'one-at-a-time';
  const set = (next: Config) => document.set((doc) => setReentry(doc, next));
  const graphIssues = issues.filter((issue) => issue.nodeId === undefined);
  return (
    <div className="journey-form">
      <h3 className="journey-form__title">{t('canvas.panel.journeyTitle')}</h3>
      <p className="muted">{t('canvas.panel.noSelection')}</p>
      <SelectInput
        label={t('canvas.panel.reentry')}
        value={mode}
        options={REENTRY_MODES.map((value) => ({ value, label: t(`canvas.panel.reentryModes.${value}`) }))}
        onChange={(next) => set(next === 'after-cooldown' ? { mode: next, cooldownDays: 30 } : { mode: next })}
        error={fieldError(graphIssues, 'reentry')}
      />
      {mode === 'after-cooldown' && (
        <TextInput
          label={t('canvas.panel.cooldownDays')}
          type="number"
          min={1}
          value={numberText(config, 'cooldownDays')}
          onChange={(value) => set(withValue({ ...config, mode }, 'cooldownDays', parseNumber(value)))}
        />
      )}
    </div>
  );
}
