import '@xyflow/react/dist/style.css';
import './canvas.css';
import { ReactFlowProvider } from '@xyflow/react';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { usePermission } from '../../../session/session-context';
import { useWorkspace } from '../../../session/workspace-context';
import { Notice } from '../../../ui/notice';
import { PageHeader } from '../../../ui/page-header';
import type { JourneyDetail } from '../journey';
import { JourneyStatusBadge } from '../journey-status-badge';
import { DEFAULT_NODE_SIZE, layoutJourney } from './auto-layout';
import { saveDraft, useMessageTemplates, useSegments } from './canvas.api';
import { CanvasStoresContext, EMPTY_OVERLAY, type CanvasOverlay, type CanvasStores } from './canvas-context';
import { createDocument, type CanvasDocument } from './canvas-document';
import { CanvasToolbar } from './canvas-toolbar';
import { createDraftSaver } from './draft-saver';
import { DryRunPanel } from './dry-run-panel';
import { graphToFlow } from './flow-graph';
import { IssuePanel } from './issue-panel';
import { JourneyFlow } from './journey-flow';
import { startLiveValidation } from './live-validator';
import { LiveStatistics } from './live-statistics';
import { NodePalette } from './node-palette';
import { PublishControls } from './publish-controls';
import { SidePanel } from './side-panel';
import { createStore } from './store';
import { UnsavedChangesGuard } from './unsaved-changes-guard';
import { useCanvasCommands } from './use-canvas-commands';
import { useCanvasShortcuts } from './use-canvas-shortcuts';

/** The stores of one journey's canvas, from its saved draft (laid out once if nodes lack positions). */
function createCanvas(draft: unknown): { stores: CanvasStores; dropped: string[] } {
  const flow = graphToFlow(draft);
  let nodes = flow.nodes;
  if (flow.needsLayout) {
    const positions = layoutJourney(
      nodes.map((node) => ({ id: node.id, ...DEFAULT_NODE_SIZE })),
      flow.edges,
    );
    nodes = nodes.map((node) => ({ ...node, position: positions.get(node.id) ?? node.position }));
  }
  return {
    stores: {
      document: createStore<CanvasDocument>(createDocument({ nodes, edges: flow.edges }, flow.reentry)),
      overlay: createStore<CanvasOverlay>(EMPTY_OVERLAY),
      clipboard: { current: null },
    },
    dropped: flow.dropped,
  };
}

/**
 * A journey's canvas: palette, React Flow, the selected node's form, validation, dry run and
 * figures. The draft is read once when the page opens; from then on the canvas is the source of
 * truth and is autosaved.
 */
export function JourneyEditor({ journey, backLink }: { journey: JourneyDetail; backLink: ReactNode }) {
  const { t } = useTranslation();
  const [{ stores, dropped }] = useState(() => createCanvas(journey.draft));
  const [saver] = useState(() => createDraftSaver(stores.document, (graph) => saveDraft(journey.id, graph)));
  // A role that may not change journeys looks at the canvas: nothing it moves is saved.
  const editable = usePermission('journeys.write');
  useEffect(() => (editable ? saver.start() : undefined), [saver, editable]);
  useLiveValidation(stores);

  return (
    <CanvasStoresContext.Provider value={stores}>
      <ReactFlowProvider>
        <div className="journey-editor">
          <PageHeader
            eyebrow={backLink}
            title={journey.name}
            description={
              <>
                <JourneyStatusBadge status={journey.status} />{' '}
                {journey.currentVersion === null
                  ? t('journeys.neverPublished')
                  : t('journeys.versionLine', { version: journey.currentVersion })}
              </>
            }
            actions={editable ? <PublishControls journey={journey} saver={saver} /> : undefined}
          />
          {!editable && <Notice tone="info" role="status" title={t('canvas.readOnly')} />}
          {dropped.length > 0 && (
            <Notice tone="warning" role="alert" title={t('canvas.dropped', { ids: dropped.join(', ') })} />
          )}
          <EditorBody journey={journey} saver={saver} editable={editable} />
          <UnsavedChangesGuard saver={saver} />
        </div>
      </ReactFlowProvider>
    </CanvasStoresContext.Provider>
  );
}

function EditorBody({
  journey,
  saver,
  editable,
}: {
  journey: JourneyDetail;
  saver: ReturnType<typeof createDraftSaver>;
  editable: boolean;
}) {
  const { t } = useTranslation();
  const canvasId = useId();
  const commands = useCanvasCommands();
  useCanvasShortcuts(commands, editable);
  return (
    <>
      <CanvasToolbar commands={commands} saver={saver} editable={editable} />
      <div className={editable ? 'journey-editor__body' : 'journey-editor__body journey-editor__body--read-only'}>
        {editable && <NodePalette canvasId={canvasId} />}
        <div className="journey-editor__canvas" id={canvasId} role="region" aria-label={t('canvas.region')}>
          <JourneyFlow editable={editable} />
        </div>
        <div className="journey-editor__side">
          <SidePanel editable={editable} />
          <IssuePanel />
          <LiveStatistics journey={journey} />
          <DryRunPanel journeyId={journey.id} />
        </div>
      </div>
    </>
  );
}

/**
 * Validation as the engine does it, in the browser: the workspace's timezone, and its segments and
 * templates once loaded (until then those two checks are left to the engine at publish).
 */
function useLiveValidation(stores: CanvasStores): void {
  const workspace = useWorkspace();
  const segments = useSegments();
  const templates = useMessageTemplates();
  const lookups = useRef({ timeZone: workspace.timezone, segments: segments.data, templates: templates.data });
  lookups.current = { timeZone: workspace.timezone, segments: segments.data, templates: templates.data };
  const validation = useRef<ReturnType<typeof startLiveValidation> | null>(null);

  useEffect(() => {
    const started = startLiveValidation(stores.document, stores.overlay, () => {
      const { timeZone, segments: segmentList, templates: templateList } = lookups.current;
      const segmentIds = segmentList && new Set(segmentList.map((segment) => segment.id));
      const templateKeys =
        templateList && new Set(templateList.map((template) => `${template.channel}\u0000${template.key}`));
      return {
        timeZone,
        segmentExists: segmentIds && ((id: number) => segmentIds.has(id)),
        templateExists: templateKeys && ((channel: string, key: string) => templateKeys.has(`${channel}\u0000${key}`)),
      };
    });
    validation.current = started;
    return started.stop;
  }, [stores]);

  useEffect(() => {
    validation.current?.revalidate();
    const names = new Map((segments.data ?? []).map((segment) => [segment.id, segment.name]));
    stores.overlay.set((overlay) => ({ ...overlay, segmentNames: names }));
  }, [segments.data, templates.data, workspace.timezone, stores]);
}
