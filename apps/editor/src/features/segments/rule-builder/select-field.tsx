import type { ReactNode } from 'react';
import { Field } from '../../../ui/field';

export interface SelectFieldProps<Value extends string> {
  label: ReactNode;
  value: Value;
  options: readonly Value[];
  optionLabel: (value: Value) => string;
  onChange: (value: Value) => void;
  error?: string | null;
  disabled?: boolean;
}

/** A labelled `<select>` over a closed list: the native control is keyboard and screen-reader ready. */
export function SelectField<Value extends string>({
  label,
  value,
  options,
  optionLabel,
  onChange,
  error,
  disabled,
}: SelectFieldProps<Value>) {
  return (
    <Field label={label} error={error}>
      {(control) => (
        <select
          {...control}
          className="select"
          value={value}
          disabled={disabled}
          onChange={(event) => {
            const next = options.find((option) => option === event.target.value);
            if (next !== undefined) onChange(next);
          }}
        >
          {/* A stored value the list no longer has stays visible instead of silently changing. */}
          {!options.includes(value) && <option value={value}>{value}</option>}
          {options.map((option) => (
            <option key={option} value={option}>
              {optionLabel(option)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export interface TextFieldProps {
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  error?: string | null;
  hint?: ReactNode;
  disabled?: boolean;
  type?: 'text' | 'date';
}

export function TextField({ label, value, onChange, error, hint, disabled, type = 'text' }: TextFieldProps) {
  return (
    <Field label={label} error={error} hint={hint}>
      {(control) => (
        <input
          {...control}
          className="input"
          type={type}
          value={value}
          disabled={disabled}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  );
}
