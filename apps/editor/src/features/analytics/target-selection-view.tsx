import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../session/use-formatters';
import { Button } from '../../ui/button';
import { ErrorBanner } from '../../ui/error-banner';
import { Field } from '../../ui/field';
import { Section } from '../../ui/section';
import { Table } from '../../ui/table';
import type { TargetSelection } from './analysis';
import { useTargetSelection } from './analytics.api';
import { ProfitCurveChart } from './profit-curve-chart';
import {
  groupResponseRates,
  TARGET_BASES,
  targetSelectionForm,
  type TargetSelectionForm,
} from './target-selection-form';

/** Who to contact: groups ranked by expected profit per contact, selected down to break-even, and the profit curve. */
export function TargetSelectionView() {
  const { t } = useTranslation();
  const select = useTargetSelection();
  const [form, setForm] = useState<TargetSelectionForm>({
    basis: 'rf_stage',
    model: 'p_alive',
    responsePercent: '5',
    costPerContact: '120',
    marginPercent: '60',
  });
  const parsed = targetSelectionForm(form);
  // Per-group rates, once a first run has named the groups of this basis.
  const [groupPercents, setGroupPercents] = useState<Record<string, string>>({});
  const groups = select.data && select.data.basis === form.basis ? select.data.curve.map((point) => point.key) : [];
  const rates = groupResponseRates(Object.fromEntries(groups.map((group) => [group, groupPercents[group] ?? ''])));
  const [showErrors, setShowErrors] = useState(false);
  const error = (key: keyof TargetSelectionForm) => {
    if (!showErrors || parsed.ok) return null;
    const problem = parsed.errors[key];
    return problem ? t(`analytics.targets.errors.${problem}`) : null;
  };
  const set = (key: keyof TargetSelectionForm) => (value: string) =>
    setForm((current) => ({ ...current, [key]: value }));

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setShowErrors(true);
    if (parsed.ok && rates.ok) select.mutate({ ...parsed.request, responseRates: rates.responseRates });
  }

  return (
    <Section title={t('analytics.targets.title')}>
      <p className="muted">{t('analytics.targets.description')}</p>
      <form className="form form--wide" onSubmit={submit} noValidate>
        <div className="form__row">
          <Field label={t('analytics.targets.basis')}>
            {(control) => (
              <select
                {...control}
                className="select"
                value={form.basis}
                onChange={(event) => set('basis')(event.target.value)}
              >
                {TARGET_BASES.map((basis) => (
                  <option key={basis} value={basis}>
                    {t(`analytics.targets.bases.${basis}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {form.basis === 'score' && (
            <NumberText
              label={t('analytics.targets.model')}
              value={form.model}
              onChange={set('model')}
              error={error('model')}
              text
            />
          )}
          <NumberText
            label={t('analytics.targets.responseRate')}
            value={form.responsePercent}
            onChange={set('responsePercent')}
            error={error('responsePercent')}
          />
          <NumberText
            label={t('analytics.targets.costPerContact')}
            value={form.costPerContact}
            onChange={set('costPerContact')}
            error={error('costPerContact')}
          />
          <NumberText
            label={t('analytics.targets.marginRate')}
            value={form.marginPercent}
            onChange={set('marginPercent')}
            error={error('marginPercent')}
          />
        </div>
        {groups.length > 0 && (
          <fieldset className="group-rates">
            <legend className="field__label">{t('analytics.targets.groupRates')}</legend>
            <p className="field__hint">{t('analytics.targets.groupRatesHint')}</p>
            <div className="form__row">
              {groups.map((group) => (
                <NumberText
                  key={group}
                  label={t('analytics.targets.groupRate', { group })}
                  value={groupPercents[group] ?? ''}
                  onChange={(value) => setGroupPercents((current) => ({ ...current, [group]: value }))}
                  error={
                    showErrors && !rates.ok && rates.errors[group]
                      ? t(`analytics.targets.errors.${rates.errors[group]}`)
                      : null
                  }
                />
              ))}
            </div>
          </fieldset>
        )}
        <div className="form__actions">
          <Button type="submit" variant="primary" busy={select.isPending}>
            {t('analytics.targets.run')}
          </Button>
        </div>
      </form>
      {select.isError && <ErrorBanner error={select.error} />}
      {select.data && <TargetResult selection={select.data} />}
    </Section>
  );
}

function NumberText({
  label,
  value,
  onChange,
  error,
  text = false,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error: string | null;
  text?: boolean;
}) {
  return (
    <Field label={label} error={error}>
      {(control) => (
        <input
          {...control}
          className="input"
          type={text ? 'text' : 'number'}
          inputMode={text ? undefined : 'decimal'}
          step="any"
          min={text ? undefined : 0}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  );
}

function TargetResult({ selection }: { selection: TargetSelection }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const selectedKeys = new Set(selection.selected.map((point) => point.key));
  return (
    <div className="target-result" aria-live="polite">
      <dl className="stat-grid">
        <div className="stat">
          <dt>{t('analytics.targets.targets')}</dt>
          <dd className="stat__value">{format.number(selection.targets)}</dd>
        </div>
        <div className="stat">
          <dt>{t('analytics.targets.expectedRevenue')}</dt>
          <dd className="stat__value">{format.yen(selection.expectedRevenue)}</dd>
        </div>
        <div className="stat">
          <dt>{t('analytics.targets.expectedProfit')}</dt>
          <dd className="stat__value">{format.yen(selection.expectedProfit)}</dd>
        </div>
      </dl>
      {selection.curve.length > 0 && <ProfitCurveChart curve={selection.curve} targets={selection.targets} />}
      <Table
        caption={t('analytics.targets.curveTable')}
        showCaption
        rows={selection.curve}
        rowKey={(point) => point.key}
        empty={t('analytics.noData')}
        columns={[
          { id: 'group', header: t('analytics.targets.group'), rowHeader: true, cell: (point) => point.key },
          {
            id: 'selected',
            header: t('analytics.targets.selected'),
            cell: (point) => (selectedKeys.has(point.key) ? t('analytics.targets.yes') : t('analytics.targets.no')),
          },
          {
            id: 'contacts',
            header: t('analytics.targets.cumulativeContacts'),
            align: 'end',
            cell: (point) => format.number(point.contacts),
          },
          {
            id: 'revenue',
            header: t('analytics.targets.expectedRevenue'),
            align: 'end',
            cell: (point) => format.yen(point.expectedRevenue),
          },
          { id: 'cost', header: t('analytics.targets.cost'), align: 'end', cell: (point) => format.yen(point.cost) },
          {
            id: 'profit',
            header: t('analytics.targets.expectedProfit'),
            align: 'end',
            cell: (point) => format.yen(point.expectedProfit),
          },
        ]}
      />
    </div>
  );
}
