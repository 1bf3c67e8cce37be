import { normaliseIdentifier } from '../normalise/identifier';
import { fail, ok, type Parsed } from './parsed';

const INTEGER = /^[-+]?\d+$/;
const MAX_INT4 = 2_147_483_647;

export interface IntegerBounds {
  min?: number;
  max?: number;
}

function readInteger(raw: string, text: string, { min, max }: IntegerBounds): Parsed<number> {
  if (!INTEGER.test(text)) return fail(`"${raw}" is not a whole number`);
  const value = Number(text);
  if (Math.abs(value) > MAX_INT4) return fail(`"${raw}" is too large`);
  if (min !== undefined && value < min) return fail(`"${raw}" is less than ${min}`);
  if (max !== undefined && value > max) return fail(`"${raw}" is more than ${max}`);
  return ok(value);
}

/** Whole numbers as spreadsheets write them: `1,200`, full-width `１２００`, `-500`. */
export function parseInteger(raw: string, bounds: IntegerBounds = {}): Parsed<number> {
  return readInteger(raw, normaliseIdentifier(raw).replace(/,/g, ''), bounds);
}

/** Yen amounts are integers; `¥1,200`, `￥1,200` and `1200円` are accepted. */
export function parseYen(raw: string, bounds: IntegerBounds = {}): Parsed<number> {
  const text = normaliseIdentifier(raw)
    .replace(/^[¥￥]/, '')
    .replace(/円$/, '')
    .replace(/,/g, '')
    .trim();
  if (/^[-+]?\d*\.\d+$/.test(text)) return fail(`"${raw}" has fractions of a yen`);
  return readInteger(raw, text, bounds);
}
