import type { TargetBasis, TargetSelectionRequest } from './analysis';

/** The target-selection form as typed: percents and yen as text, read once on submit. */
export interface TargetSelectionForm {
  basis: string;
  model: string;
  responsePercent: string;
  costPerContact: string;
  marginPercent: string;
}

export type TargetFormError = 'required' | 'notNumber' | 'percentRange' | 'marginRange' | 'costRange';

export type ParsedTargetForm =
  | { ok: true; request: TargetSelectionRequest }
  | { ok: false; errors: Partial<Record<keyof TargetSelectionForm, TargetFormError>> };

export const TARGET_BASES: readonly TargetBasis[] = ['rf_stage', 'stable_segment', 'rfm_rank', 'decile', 'score'];

/** A number from a box, or the reason it is not one. */
export function parsePercent(text: string): number | TargetFormError {
  if (text.trim() === '') return 'required';
  const value = Number(text);
  return Number.isFinite(value) ? value : 'notNumber';
}

/**
 * The request as the engine validates it (rates 0..1, margin above 0, cost up to 100,000 yen), from
 * the percents a marketer types (5 % response, 60 % margin).
 */
export function targetSelectionForm(form: TargetSelectionForm): ParsedTargetForm {
  const errors: Partial<Record<keyof TargetSelectionForm, TargetFormError>> = {};
  const response = parsePercent(form.responsePercent);
  const cost = parsePercent(form.costPerContact);
  const margin = parsePercent(form.marginPercent);
  if (typeof response === 'string') errors.responsePercent = response;
  else if (response < 0 || response > 100) errors.responsePercent = 'percentRange';
  if (typeof cost === 'string') errors.costPerContact = cost;
  else if (cost < 0 || cost > 100_000) errors.costPerContact = 'costRange';
  if (typeof margin === 'string') errors.marginPercent = margin;
  else if (margin <= 0 || margin > 100) errors.marginPercent = 'marginRange';
  if (form.basis === 'score' && !form.model.trim()) errors.model = 'required';
  const basis = TARGET_BASES.find((candidate) => candidate === form.basis);
  if (!basis) errors.basis = 'required';
  if (
    !basis ||
    Object.keys(errors).length ||
    typeof response === 'string' ||
    typeof cost === 'string' ||
    typeof margin === 'string'
  ) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    request: {
      basis,
      ...(basis === 'score' ? { model: form.model.trim() } : {}),
      defaultResponseRate: response / 100,
      costPerContact: cost,
      marginRate: margin / 100,
    },
  };
}

export type ParsedGroupRates =
  { ok: true; responseRates: Record<string, number> } | { ok: false; errors: Record<string, TargetFormError> };

/**
 * Response rates per group, typed as percents; an empty box means "the default rate" and is left
 * out (the engine applies `defaultResponseRate` to every group without its own).
 */
export function groupResponseRates(percents: Readonly<Record<string, string>>): ParsedGroupRates {
  const responseRates: Record<string, number> = {};
  const errors: Record<string, TargetFormError> = {};
  for (const [group, text] of Object.entries(percents)) {
    if (text.trim() === '') continue;
    const value = parsePercent(text);
    if (typeof value === 'string') errors[group] = value;
    else if (value < 0 || value > 100) errors[group] = 'percentRange';
    else responseRates[group] = value / 100;
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, responseRates };
}
