import type { JourneyIssue } from '@kizuna/journey';
import { useState, type ReactNode } from 'react';
import { Field } from '../../../../ui/field';
import { isRecord } from '../flow-graph';
import { issueAt } from '../issue-index';

export type Config = Record<string, unknown>;

/** What every node form gets: its node's config (read loosely), issues, and how to change it. */
export interface NodeFormProps {
  nodeId: string;
  config: Config;
  issues: readonly JourneyIssue[] | undefined;
  /** `field` names the edit for undo: keystrokes in one field are one step. */
  onChange: (config: Config, field: string) => void;
}

export const text = (config: Config, key: string): string => (typeof config[key] === 'string' ? config[key] : '');
export const numberText = (config: Config, key: string): string =>
  typeof config[key] === 'number' ? String(config[key]) : '';
export const record = (config: Config, key: string): Config => (isRecord(config[key]) ? config[key] : {});
export const records = (config: Config, key: string): Config[] =>
  Array.isArray(config[key]) ? (config[key] as unknown[]).filter(isRecord) : [];

/** A config with `key` set, or removed when `value` is undefined (so validation says "is required"). */
export function withValue(config: Config, key: string, value: unknown): Config {
  if (value === undefined) return Object.fromEntries(Object.entries(config).filter(([name]) => name !== key));
  return { ...config, [key]: value };
}

/** A number from a number input; empty or not a number is undefined (the field is then missing). */
export function parseNumber(value: string): number | undefined {
  if (value.trim() === '') return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? number : undefined;
}

/**
 * The issue of a field as the form shows it: libs/journey's message without the node prefix the
 * issue list needs (`Node "send-1" (send): `), as the field already sits in that node's form.
 */
export function fieldError(issues: readonly JourneyIssue[] | undefined, path: string): string | null {
  const issue = issueAt(issues, path);
  return issue ? issue.message.replace(/^Node "[^"]*" \([^)]*\): /, '') : null;
}

export interface TextInputProps {
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  hint?: ReactNode;
  error?: string | null;
  type?: 'text' | 'number' | 'time';
  mono?: boolean;
  min?: number;
  max?: number;
  placeholder?: string;
}

export function TextInput({
  label,
  value,
  onChange,
  hint,
  error,
  type = 'text',
  mono,
  min,
  max,
  placeholder,
}: TextInputProps) {
  return (
    <Field label={label} hint={hint} error={error}>
      {(control) => (
        <input
          {...control}
          className={mono ? 'input input--mono' : 'input'}
          type={type}
          value={value}
          min={min}
          max={max}
          placeholder={placeholder}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  );
}

export interface SelectInputProps<V extends string> {
  label: ReactNode;
  value: V | '';
  options: readonly { value: V; label: string }[];
  onChange: (value: V) => void;
  /** An empty first option (nothing chosen yet). */
  placeholder?: string;
  hint?: ReactNode;
  error?: string | null;
}

export function SelectInput<V extends string>({
  label,
  value,
  options,
  onChange,
  placeholder,
  hint,
  error,
}: SelectInputProps<V>) {
  return (
    <Field label={label} hint={hint} error={error}>
      {(control) => (
        <select {...control} className="select" value={value} onChange={(event) => onChange(event.target.value as V)}>
          {placeholder !== undefined && <option value="">{placeholder}</option>}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/**
 * A text box over a parsed value (a list typed as "a, b"): keeps what is typed while it parses to
 * the same value, so a trailing comma is not swallowed, and follows the value when it changes
 * elsewhere (undo).
 */
export function ParsedTextInput<V>({
  value,
  format,
  parse,
  onChange,
  ...rest
}: Omit<TextInputProps, 'value' | 'onChange'> & {
  value: V;
  format: (value: V) => string;
  parse: (text: string) => V;
  onChange: (value: V) => void;
}) {
  const [draft, setDraft] = useState(() => format(value));
  const shown = format(parse(draft)) === format(value) ? draft : format(value);
  return (
    <TextInput
      {...rest}
      value={shown}
      onChange={(next) => {
        setDraft(next);
        onChange(parse(next));
      }}
    />
  );
}
