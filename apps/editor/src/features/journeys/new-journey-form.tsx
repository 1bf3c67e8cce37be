import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Button } from '../../ui/button';
import { ErrorBanner } from '../../ui/error-banner';
import { Field } from '../../ui/field';
import { Section } from '../../ui/section';
import { useCreateJourney, useJourneyTemplates } from './journeys.api';

/** A new journey from a scenario template or an empty canvas; opens its canvas once created. */
export function NewJourneyForm() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const templates = useJourneyTemplates();
  const create = useCreateJourney();
  const [name, setName] = useState('');
  const [template, setTemplate] = useState('');
  const japanese = (i18n.resolvedLanguage ?? i18n.language) === 'ja';

  const submit = () => {
    create.mutate(
      { name: name.trim(), ...(template ? { template } : {}) },
      { onSuccess: (journey) => void navigate(`/journeys/${journey.id}`) },
    );
  };
  const chosen = templates.data?.find((candidate) => candidate.key === template);

  return (
    <Section title={t('journeys.create.title')}>
      <form
        className="form form--wide"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <div className="form__row">
          <Field label={t('journeys.create.name')}>
            {(control) => (
              <input
                {...control}
                className="input"
                required
                maxLength={200}
                value={name}
                onChange={(event) => setName(event.target.value)}
              />
            )}
          </Field>
          <Field
            label={t('journeys.create.template')}
            hint={chosen ? (japanese ? chosen.descriptionJa : chosen.description) : t('journeys.create.templateHint')}
          >
            {(control) => (
              <select
                {...control}
                className="select"
                value={template}
                onChange={(event) => setTemplate(event.target.value)}
              >
                <option value="">{t('journeys.create.empty')}</option>
                {(templates.data ?? []).map((candidate) => (
                  <option key={candidate.key} value={candidate.key}>
                    {japanese ? candidate.nameJa : candidate.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <div className="form__actions">
          <Button type="submit" variant="primary" busy={create.isPending} disabled={name.trim() === ''}>
            {t('journeys.create.submit')}
          </Button>
        </div>
        {create.isError && <ErrorBanner error={create.error} title={t('journeys.create.failed')} />}
      </form>
    </Section>
  );
}
