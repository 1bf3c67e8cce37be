import { useState, type ReactNode } from 'react';
import type { NumberBounds } from '@kizuna/segments';
import { Field } from '../../../ui/field';
import { formatTextList, parseNumberInput, parseTextList } from './comparison';

/**
 * Text the marketer is typing that maps to a value with another shape ("1." on the way to "1.5",
 * "a, " on the way to "a, b"): the box keeps what was typed while it means the current value, and
 * shows the value again when it changes from outside (a new operator, undo).
 */
function useTypedText<Value>(
  value: Value,
  format: (value: Value) => string,
  same: (text: string, value: Value) => boolean,
) {
  const [text, setText] = useState(() => format(value));
  return [same(text, value) ? text : format(value), setText] as const;
}

const sameList = (text: string, value: readonly (string | number)[] | undefined) =>
  JSON.stringify(parseTextList(text)) === JSON.stringify((value ?? []).map(String));

export interface NumberFieldProps {
  label: ReactNode;
  value: number | undefined;
  onChange: (value: number | undefined) => void;
  bounds?: NumberBounds;
  error?: string | null;
  disabled?: boolean;
}

export function NumberField({ label, value, onChange, bounds, error, disabled }: NumberFieldProps) {
  const [text, setText] = useTypedText(
    value,
    (current) => (current === undefined ? '' : String(current)),
    (typed, current) => parseNumberInput(typed) === current,
  );
  return (
    <Field label={label} error={error}>
      {(control) => (
        <input
          {...control}
          className="input"
          type="number"
          inputMode="decimal"
          step={bounds?.integer ? 1 : 'any'}
          min={bounds?.min}
          max={bounds?.max}
          value={text}
          disabled={disabled}
          onChange={(event) => {
            setText(event.target.value);
            onChange(parseNumberInput(event.target.value));
          }}
        />
      )}
    </Field>
  );
}

export interface TextListFieldProps {
  label: ReactNode;
  hint: ReactNode;
  value: readonly (string | number)[] | undefined;
  onChange: (value: string[]) => void;
  error?: string | null;
  disabled?: boolean;
}

/** Several text values in one box, separated by commas or new lines (pasted from a spreadsheet column). */
export function TextListField({ label, hint, value, onChange, error, disabled }: TextListFieldProps) {
  const [text, setText] = useTypedText(value, formatTextList, sameList);
  return (
    <Field label={label} hint={hint} error={error}>
      {(control) => (
        <textarea
          {...control}
          className="input"
          rows={2}
          value={text}
          disabled={disabled}
          onChange={(event) => {
            setText(event.target.value);
            onChange(parseTextList(event.target.value));
          }}
        />
      )}
    </Field>
  );
}

export interface ChoiceListFieldProps {
  legend: ReactNode;
  options: readonly string[];
  optionLabel: (value: string) => string;
  value: readonly (string | number)[] | undefined;
  onChange: (value: string[]) => void;
  error?: string | null;
  disabled?: boolean;
}

/** Several values of a closed list as checkboxes, in the list's order. */
export function ChoiceListField({
  legend,
  options,
  optionLabel,
  value,
  onChange,
  error,
  disabled,
}: ChoiceListFieldProps) {
  const chosen = new Set((value ?? []).map(String));
  return (
    <fieldset className={error ? 'choice-list field--invalid' : 'choice-list'} disabled={disabled}>
      <legend className="field__label">{legend}</legend>
      {options.map((option) => (
        <label className="checkbox" key={option}>
          <input
            type="checkbox"
            checked={chosen.has(option)}
            onChange={(event) => {
              const next = new Set(chosen);
              if (event.target.checked) next.add(option);
              else next.delete(option);
              onChange(options.filter((candidate) => next.has(candidate)));
            }}
          />
          {optionLabel(option)}
        </label>
      ))}
      {error && <p className="field__error">{error}</p>}
    </fieldset>
  );
}
