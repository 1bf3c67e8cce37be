import { MEASURE_OPERATORS } from '../schema/operators';
import { dateField, numberField } from './field-definition';

/** What a `purchase` condition measures over the customer's (filtered) order lines. */
export const PURCHASE_MEASURES = [
  numberField('purchase', 'count', { min: 0, integer: true }, MEASURE_OPERATORS),
  numberField('purchase', 'amount', { integer: true }, MEASURE_OPERATORS),
  numberField('purchase', 'quantity', { min: 0, integer: true }, MEASURE_OPERATORS),
  dateField('purchase', 'first_date'),
  dateField('purchase', 'last_date'),
] as const;
export type PurchaseMeasure = (typeof PURCHASE_MEASURES)[number]['name'];

/** A customer's spend on one product tag or series: its share (0..1) or yen. */
export const PREFERENCE_MEASURES = [
  numberField('preference', 'share', { min: 0, max: 1 }),
  numberField('preference', 'spend', { min: 0, integer: true }),
] as const;
export type PreferenceMeasure = (typeof PREFERENCE_MEASURES)[number]['name'];

export const SCORE_VALUE = numberField('score', 'value');

/** How many times an event happened; 0 is a count like any other ("never opened"). */
export const EVENT_COUNT = numberField('event', 'count', { min: 0, integer: true }, MEASURE_OPERATORS);
