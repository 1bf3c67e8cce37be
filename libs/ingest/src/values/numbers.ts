import { normaliseIdentifier } from '../normalise/identifier';
import { fail, ok, type Parsed } from './parsed';

const INTEGER = /^[-+]?\d+$/;
const MAX_INT4 = 2_147_483_647;

export interface IntegerBounds {
  min?: number;
  max?: number;
}

function readInteger(raw: string, text: string, bounds: IntegerBounds): Parsed<number> {
  if (!INTEGER.test(text)) return fail(`"${raw}" is not a whole number`);
  const value = Number(text);
  if (Math.abs(value) > MAX_INT4) return fail(`"${raw}" is too large`);
  return withinBounds(raw, value, bounds);
}

function withinBounds(raw: string, value: number, { min, max }: IntegerBounds): Parsed<number> {
  if (min !== undefined && value < min) return fail(`"${raw}" is less than ${min}`);
  if (max !== undefined && value > max) return fail(`"${raw}" is more than ${max}`);
  return ok(value);
}

/**
 * The value of up to nine ASCII digits, as nearly every number cell is; undefined for anything else,
 * which takes the full path. Three or four number cells per order line: this skips the
 * normalisation, replacements and regular expressions that made numbers a tenth of validation.
 */
function plainDigits(raw: string): number | undefined {
  const length = raw.length;
  if (length === 0 || length > 9) return undefined;
  let value = 0;
  for (let i = 0; i < length; i++) {
    const digit = raw.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return undefined;
    value = value * 10 + digit;
  }
  return value;
}

/** Whole numbers as spreadsheets write them: `1,200`, full-width `１２００`, `-500`. */
export function parseInteger(raw: string, bounds: IntegerBounds = {}): Parsed<number> {
  const plain = plainDigits(raw);
  if (plain !== undefined) return withinBounds(raw, plain, bounds);
  return readInteger(raw, normaliseIdentifier(raw).replace(/,/g, ''), bounds);
}

/** Yen amounts are integers; `¥1,200`, `￥1,200` and `1200円` are accepted. */
export function parseYen(raw: string, bounds: IntegerBounds = {}): Parsed<number> {
  const plain = plainDigits(raw);
  if (plain !== undefined) return withinBounds(raw, plain, bounds);
  const text = normaliseIdentifier(raw)
    .replace(/^[¥￥]/, '')
    .replace(/円$/, '')
    .replace(/,/g, '')
    .trim();
  if (/^[-+]?\d*\.\d+$/.test(text)) return fail(`"${raw}" has fractions of a yen`);
  return readInteger(raw, text, bounds);
}
