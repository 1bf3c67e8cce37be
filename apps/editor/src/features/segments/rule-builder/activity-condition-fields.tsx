import type { EventCondition, PurchaseCondition, PurchaseFilter, RuleIssue, TimeWindow } from '@kizuna/segments';
import { useTranslation } from 'react-i18next';
import { comparison } from './comparison';
import { ComparisonFields } from './comparison-fields';
import { MeasureFields } from './measure-fields';
import { issueFor } from './rule-issues';
import { useRuleBuilder } from './rule-builder-context';
import { useRuleLabels } from './rule-labels';
import { SelectField, TextField } from './select-field';
import { NumberField, TextListField } from './value-inputs';

interface FieldsProps<C> {
  condition: C;
  onChange: (condition: C) => void;
  issues: readonly RuleIssue[];
}

type WindowMode = 'all' | 'lastDays';

/**
 * All time, or the last N days. Calendar windows (from/to) are kept as they are when a rule has one,
 * but the builder offers the relative window: campaigns are re-run, and "last 90 days" stays true.
 */
function WindowFields({
  window,
  onChange,
  issues,
}: {
  window: TimeWindow | undefined;
  onChange: (window: TimeWindow | undefined) => void;
  issues: readonly RuleIssue[];
}) {
  const { t } = useTranslation();
  const { disabled } = useRuleBuilder();
  const mode: WindowMode = window ? 'lastDays' : 'all';
  return (
    <>
      <SelectField<WindowMode>
        label={t('segments.builder.window')}
        value={mode}
        options={['all', 'lastDays']}
        optionLabel={(option) =>
          option === 'all' ? t('segments.builder.windowAll') : t('segments.builder.windowLastDays')
        }
        onChange={(next) => onChange(next === 'all' ? undefined : { lastDays: 90 })}
        disabled={disabled}
      />
      {window && window.from === undefined && window.to === undefined && (
        <NumberField
          label={t('segments.builder.lastDays')}
          value={window.lastDays}
          bounds={{ min: 1, integer: true }}
          onChange={(lastDays) => onChange(lastDays === undefined ? {} : { lastDays })}
          error={issueFor(issues, 'window')}
          disabled={disabled}
        />
      )}
    </>
  );
}

/** A filter list; an empty list is left out of the rule (the schema refuses empty lists). */
function withFilterList(
  filter: PurchaseFilter | undefined,
  key: 'series' | 'categories' | 'products',
  values: string[],
) {
  const next: PurchaseFilter = Object.fromEntries(Object.entries({ ...filter }).filter(([name]) => name !== key));
  if (values.length) next[key] = values;
  return Object.keys(next).length ? next : undefined;
}

export function PurchaseConditionFields({ condition, onChange, issues }: FieldsProps<PurchaseCondition>) {
  const { t } = useTranslation();
  const labels = useRuleLabels();
  const { catalogue, disabled } = useRuleBuilder();
  const { measures, filters } = catalogue.conditions.purchase;
  const measure = measures.find((candidate) => candidate.name === condition.measure) ?? measures[0];
  const { operator, value, ...rest } = condition;
  const update = (patch: Partial<Pick<PurchaseCondition, 'window' | 'filter'>>) => {
    const next: PurchaseCondition = { ...condition, ...patch };
    if (next.window === undefined) delete next.window;
    if (next.filter === undefined) delete next.filter;
    onChange(next);
  };
  const list = (key: 'series' | 'categories' | 'products', label: string) => (
    <TextListField
      label={label}
      hint={t('segments.builder.listHint')}
      value={condition.filter?.[key]}
      onChange={(values) => update({ filter: withFilterList(condition.filter, key, values) })}
      error={issueFor(issues, `filter.${key}`)}
      disabled={disabled}
    />
  );
  const channel = condition.filter?.channel ?? '';
  return (
    <>
      <MeasureFields
        measures={measures}
        measure={measure}
        comparison={{ operator, value }}
        issues={issues}
        onChange={(next) => onChange({ ...rest, ...next })}
      />
      <WindowFields window={condition.window} issues={issues} onChange={(window) => update({ window })} />
      {/* Product filters are the exception, not the rule: folded until asked for, open when one is set. */}
      <details className="rule-condition__more" open={condition.filter !== undefined || undefined}>
        <summary>{t('segments.builder.filters')}</summary>
        <div className="rule-condition__fields">
          {list('series', t('segments.builder.filterSeries'))}
          {list('categories', t('segments.builder.filterCategories'))}
          {list('products', t('segments.builder.filterProducts'))}
          <SelectField<string>
            label={t('segments.builder.filterChannel')}
            value={channel}
            options={['', ...filters.channel]}
            optionLabel={(option) =>
              option ? labels.enumValue('salesChannel', option) : t('segments.builder.anyChannel')
            }
            disabled={disabled}
            onChange={(option) => {
              const next: PurchaseFilter = { ...condition.filter };
              const chosen = filters.channel.find((candidate) => candidate === option);
              if (chosen) next.channel = chosen;
              else delete next.channel;
              update({ filter: Object.keys(next).length ? next : undefined });
            }}
          />
        </div>
      </details>
    </>
  );
}

type CountMode = 'once' | 'counted';

export function EventConditionFields({ condition, onChange, issues }: FieldsProps<EventCondition>) {
  const { t } = useTranslation();
  const { catalogue, disabled } = useRuleBuilder();
  const countField = catalogue.conditions.event.count;
  const mode: CountMode = condition.count ? 'counted' : 'once';
  const update = (patch: Partial<Pick<EventCondition, 'window' | 'count'>>) => {
    const next: EventCondition = { ...condition, ...patch };
    if (next.window === undefined) delete next.window;
    if (next.count === undefined) delete next.count;
    onChange(next);
  };
  return (
    <>
      <TextField
        label={t('segments.builder.eventName')}
        value={condition.name}
        onChange={(name) => onChange({ ...condition, name })}
        error={issueFor(issues, 'name')}
        disabled={disabled}
      />
      <SelectField<CountMode>
        label={t('segments.builder.eventCount')}
        value={mode}
        options={['once', 'counted']}
        optionLabel={(option) =>
          option === 'once' ? t('segments.builder.eventAtLeastOnce') : t('segments.builder.eventCounted')
        }
        onChange={(next) => update({ count: next === 'once' ? undefined : comparison('gte', 2) })}
        disabled={disabled}
      />
      {condition.count && (
        <ComparisonFields
          field={countField}
          value={condition.count}
          issues={issues}
          at="count"
          onChange={(count) => update({ count })}
        />
      )}
      <WindowFields window={condition.window} issues={issues} onChange={(window) => update({ window })} />
    </>
  );
}
