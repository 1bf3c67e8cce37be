import type { SegmentCatalogue, SegmentRule } from '@kizuna/segments';
import { validateSegmentRule } from '@kizuna/segments';
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { Button } from '../../ui/button';
import { ErrorBanner } from '../../ui/error-banner';
import { Field } from '../../ui/field';
import { PageHeader } from '../../ui/page-header';
import { Section } from '../../ui/section';
import { Spinner } from '../../ui/spinner';
import { useSegmentCatalogue } from './rule-builder/catalogue.api';
import { emptySegmentRule } from './rule-builder/rule-tree';
import { SegmentRuleBuilder } from './rule-builder/segment-rule-builder';
import { segmentNameError, type Segment } from './segment';
import { SegmentPreviewPanel } from './segment-preview';
import { useSaveSegment, useSegment, useSegmentPreview, useSegments } from './segments.api';
import { useDebouncedValue } from './use-debounced-value';
import './segments.css';

/** Waits for a pause in editing before counting: a preview scans every customer of the workspace. */
const PREVIEW_DELAY_MS = 400;

/** /segments/new and /segments/:id/edit. */
export function SegmentEditorPage() {
  const { t } = useTranslation();
  const params = useParams();
  const id = params.id === undefined ? null : Number(params.id);
  const catalogue = useSegmentCatalogue();
  if (catalogue.isError) return <ErrorBanner error={catalogue.error} onRetry={() => void catalogue.refetch()} />;
  if (!catalogue.data) return <Spinner label={t('segments.editor.loading')} />;
  return id === null ? (
    <SegmentEditor catalogue={catalogue.data} segment={null} />
  ) : (
    <ExistingSegmentEditor id={id} catalogue={catalogue.data} />
  );
}

function ExistingSegmentEditor({ id, catalogue }: { id: number; catalogue: SegmentCatalogue }) {
  const { t } = useTranslation();
  const segment = useSegment(id);
  if (segment.isError) return <ErrorBanner error={segment.error} onRetry={() => void segment.refetch()} />;
  if (!segment.data) return <Spinner label={t('segments.editor.loading')} />;
  return <SegmentEditor key={segment.data.id} catalogue={catalogue} segment={segment.data} />;
}

function SegmentEditor({ catalogue, segment }: { catalogue: SegmentCatalogue; segment: Segment | null }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [name, setName] = useState(segment?.name ?? '');
  const [description, setDescription] = useState(segment?.description ?? '');
  const [rule, setRule] = useState<SegmentRule>(segment?.definition ?? emptySegmentRule);
  const [nameError, setNameError] = useState<string | null>(null);
  const save = useSaveSegment(segment?.id ?? null);
  const others = useSegments().data?.items.filter((other) => other.id !== segment?.id) ?? [];

  const settled = useDebouncedValue(rule, PREVIEW_DELAY_MS);
  const validation = validateSegmentRule(settled);
  const preview = useSegmentPreview(validation.ok ? validation.rule : null);
  const valid = validateSegmentRule(rule).ok;

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const problem = segmentNameError(name);
    setNameError(
      problem === 'required'
        ? t('segments.editor.nameRequired')
        : problem === 'tooLong'
          ? t('segments.editor.nameTooLong')
          : null,
    );
    if (problem || !valid) return;
    save.mutate(
      { name: name.trim(), description, definition: rule },
      { onSuccess: (saved) => void navigate(`/segments/${saved.id}`) },
    );
  }

  const title = segment ? t('segments.editor.editTitle', { name: segment.name }) : t('segments.editor.newTitle');
  return (
    <>
      <PageHeader title={title} eyebrow={<Link to="/segments">{t('segments.backToList')}</Link>} />
      <form className="segment-editor" onSubmit={submit} noValidate>
        <div className="segment-editor__main">
          <div className="form">
            <Field label={t('segments.editor.name')} error={nameError}>
              {(control) => (
                <input
                  {...control}
                  className="input"
                  value={name}
                  maxLength={200}
                  onChange={(event) => setName(event.target.value)}
                />
              )}
            </Field>
            <Field label={t('segments.editor.description')} optional={t('ui.optional')}>
              {(control) => (
                <textarea
                  {...control}
                  className="input"
                  rows={2}
                  value={description}
                  maxLength={2000}
                  onChange={(event) => setDescription(event.target.value)}
                />
              )}
            </Field>
          </div>
          <Section title={t('segments.editor.conditions')}>
            <SegmentRuleBuilder value={rule} onChange={setRule} catalogue={catalogue} segments={others} />
          </Section>
          {save.isError && <ErrorBanner error={save.error} title={t('segments.editor.saveFailed')} />}
          <div className="form__actions">
            <Button type="submit" variant="primary" busy={save.isPending} disabled={!valid}>
              {t('segments.editor.save')}
            </Button>
            <Link to={segment ? `/segments/${segment.id}` : '/segments'}>{t('segments.editor.cancel')}</Link>
          </div>
        </div>
        <aside className="segment-editor__preview" aria-label={t('segments.preview.title')}>
          <h2>{t('segments.preview.title')}</h2>
          <SegmentPreviewPanel
            preview={preview.data}
            invalid={!validation.ok}
            loading={preview.isFetching}
            error={preview.error}
          />
        </aside>
      </form>
    </>
  );
}
