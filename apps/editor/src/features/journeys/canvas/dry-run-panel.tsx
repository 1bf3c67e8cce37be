import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../ui/button';
import { ErrorBanner } from '../../../ui/error-banner';
import { useFormatters } from '../../../session/use-formatters';
import { useSegments, useSimulation, type SimulationResult } from './canvas.api';
import { useCanvasStores } from './canvas-context';
import { flowToGraph } from './flow-graph';
import { SelectInput, TextInput } from './forms/form-kit';
import { edgeCountsById } from './run-overlays';

const OUTCOMES = ['completed', 'converted', 'goal-missed', 'exited', 'still-waiting'] as const;

/**
 * The engine's dry run of the canvas as it is now (sent as a graph: nothing needs saving first),
 * for a segment's members or a sample; the counts are drawn on the edges and nodes.
 */
export function DryRunPanel({ journeyId }: { journeyId: number }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const headingId = useId();
  const { document, overlay } = useCanvasStores();
  const segments = useSegments();
  const simulation = useSimulation(journeyId);
  const [audience, setAudience] = useState<'sample' | 'segment'>('sample');
  const [segmentId, setSegmentId] = useState('');
  const [sample, setSample] = useState('20');
  const [assumeEvents, setAssumeEvents] = useState(false);
  const [result, setResult] = useState<SimulationResult | null>(null);

  const show = (next: SimulationResult | null) => {
    setResult(next);
    const edges = document.get().history.present.edges;
    overlay.set((current) => ({
      ...current,
      simulatedEdges: next ? edgeCountsById(edges, next.edgeCounts) : null,
      simulatedNodes: next ? next.nodeCounts : null,
    }));
  };
  const run = () => {
    const doc = document.get();
    const size = Math.min(1000, Math.max(1, Number(sample) || 20));
    simulation.mutate(
      {
        graph: flowToGraph(doc.history.present, doc.reentry),
        sample: size,
        assumeEventsHappen: assumeEvents,
        ...(audience === 'segment' && segmentId ? { segmentId: Number(segmentId) } : {}),
      },
      { onSuccess: show },
    );
  };

  return (
    <section className="journey-dry-run" aria-labelledby={headingId}>
      <h2 id={headingId} className="journey-side__title">
        {t('canvas.dryRun.title')}
      </h2>
      <p className="muted">{t('canvas.dryRun.description')}</p>
      <SelectInput
        label={t('canvas.dryRun.audience')}
        value={audience}
        options={(['sample', 'segment'] as const).map((value) => ({
          value,
          label: t(`canvas.dryRun.audiences.${value}`),
        }))}
        onChange={setAudience}
      />
      {audience === 'segment' && (
        <SelectInput
          label={t('canvas.forms.segment')}
          value={segmentId}
          placeholder={t('canvas.forms.chooseSegment')}
          options={(segments.data ?? []).map((segment) => ({ value: String(segment.id), label: segment.name }))}
          onChange={setSegmentId}
        />
      )}
      <TextInput
        label={t('canvas.dryRun.sample')}
        type="number"
        min={1}
        max={1000}
        value={sample}
        onChange={setSample}
      />
      <label className="checkbox">
        <input type="checkbox" checked={assumeEvents} onChange={(event) => setAssumeEvents(event.target.checked)} />
        {t('canvas.dryRun.assumeEvents')}
      </label>
      <div className="journey-form__item-actions">
        <Button
          variant="primary"
          busy={simulation.isPending}
          disabled={audience === 'segment' && !segmentId}
          onClick={run}
        >
          {t('canvas.dryRun.run')}
        </Button>
        {result && (
          <Button variant="ghost" onClick={() => show(null)}>
            {t('canvas.dryRun.clear')}
          </Button>
        )}
      </div>
      {simulation.isError && <ErrorBanner error={simulation.error} title={t('canvas.dryRun.failed')} />}
      {result && (
        <div role="status" data-testid="dry-run-result">
          <p>{t('canvas.dryRun.result', { count: format.number(result.customers.length) })}</p>
          <dl className="journey-outcomes">
            {OUTCOMES.filter((outcome) => result.outcomes[outcome]).map((outcome) => (
              <div key={outcome}>
                <dt>{t(`canvas.dryRun.outcomes.${outcome}`)}</dt>
                <dd>{format.number(result.outcomes[outcome])}</dd>
              </div>
            ))}
          </dl>
        </div>
      )}
    </section>
  );
}
