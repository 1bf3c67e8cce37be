import { PROPERTY_OPERATORS, type PropertyOperator } from '@kizuna/journey';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../../ui/button';
import { fieldError, ParsedTextInput, records, text, withValue, type Config, SelectInput, TextInput } from './form-kit';
import type { JourneyIssue } from '@kizuna/journey';
import { scalarText } from '../flow-graph';

export interface EventMatchFieldsProps {
  config: Config;
  issues: readonly JourneyIssue[] | undefined;
  /** Where the event match sits in the node's config (`config` or `config.conversion`), for errors. */
  path: string;
  onChange: (config: Config, field: string) => void;
}

/** An event name and property conditions (libs/journey's event match). */
export function EventMatchFields({ config, issues, path, onChange }: EventMatchFieldsProps) {
  const { t } = useTranslation();
  const filters = records(config, 'filters');
  const setFilters = (next: Config[], field: string) => onChange({ ...config, filters: next }, field);
  return (
    <>
      <TextInput
        label={t('canvas.forms.eventName')}
        hint={t('canvas.forms.eventNameHint')}
        value={text(config, 'eventName')}
        mono
        error={fieldError(issues, `${path}.eventName`)}
        onChange={(value) => onChange({ ...config, eventName: value }, 'eventName')}
      />
      <fieldset className="journey-form__group">
        <legend>{t('canvas.forms.filters')}</legend>
        <p className="field__hint">{t('canvas.forms.filtersHint')}</p>
        {filters.map((filter, index) => (
          <div
            className="journey-form__item"
            key={index}
            role="group"
            aria-label={t('canvas.forms.filterNumber', { number: index + 1 })}
          >
            <TextInput
              label={t('canvas.forms.filterProperty')}
              value={text(filter, 'property')}
              mono
              error={fieldError(issues, `${path}.filters.${index}`)}
              onChange={(value) =>
                setFilters(replaceAt(filters, index, { ...filter, property: value }), `filter-${index}-property`)
              }
            />
            <SelectInput<PropertyOperator>
              label={t('canvas.forms.filterOperator')}
              value={PROPERTY_OPERATORS.find((op) => op === filter['operator']) ?? 'eq'}
              options={PROPERTY_OPERATORS.map((op) => ({ value: op, label: t(`canvas.forms.operators.${op}`) }))}
              onChange={(operator) =>
                setFilters(
                  replaceAt(
                    filters,
                    index,
                    withValue(
                      { ...filter, operator },
                      'value',
                      operator === 'exists' ? undefined : parseFilterValue(valueText(filter['value']), operator),
                    ),
                  ),
                  `filter-${index}-operator`,
                )
              }
            />
            {filter['operator'] !== 'exists' && (
              <ParsedTextInput<unknown>
                label={t('canvas.forms.filterValue')}
                hint={t('canvas.forms.filterValueHint')}
                value={filter['value']}
                format={valueText}
                parse={(value) => parseFilterValue(value, scalarText(filter['operator']) || 'eq')}
                onChange={(value) =>
                  setFilters(replaceAt(filters, index, { ...filter, value }), `filter-${index}-value`)
                }
              />
            )}
            <Button
              variant="ghost"
              onClick={() =>
                setFilters(
                  filters.filter((_, i) => i !== index),
                  'filters',
                )
              }
            >
              {t('canvas.forms.removeFilter', { number: index + 1 })}
            </Button>
          </div>
        ))}
        <Button
          variant="secondary"
          onClick={() => setFilters([...filters, { property: '', operator: 'eq', value: '' }], 'filters')}
        >
          {t('canvas.forms.addFilter')}
        </Button>
      </fieldset>
    </>
  );
}

function replaceAt<T>(list: readonly T[], index: number, item: T): T[] {
  return list.map((existing, i) => (i === index ? item : existing));
}

/** How a filter value reads in its text box: lists comma-separated. */
export function valueText(value: unknown): string {
  if (Array.isArray(value)) return value.map(scalarText).join(', ');
  return scalarText(value);
}

/**
 * A filter value from its text box: a list for "in", a number where one is needed or written,
 * true/false as booleans (event properties are JSON: `trial = true` is not `trial = "true"`).
 */
export function parseFilterValue(input: string, operator: string): string | number | boolean | (string | number)[] {
  const scalar = (raw: string): string | number =>
    raw.trim() !== '' && Number.isFinite(Number(raw)) ? Number(raw) : raw.trim();
  if (operator === 'in')
    return input
      .split(',')
      .map((part) => scalar(part))
      .filter((part) => part !== '');
  if (input.trim() === 'true') return true;
  if (input.trim() === 'false') return false;
  return scalar(input);
}
