import { isValidPhoneNumber } from 'libphonenumber-js';
import type { DemoImportKind } from '../demo-table';

/**
 * docs/import-formats.md as executable checks, for the specs only: which columns each kind accepts
 * and requires, and which values the importer accepts. Deliberately written from the document, not
 * from the generator, so a drift between the two fails a test.
 */

const CUSTOMER_REFERENCE = ['customer_id', 'email', 'phone', 'line_user_id', 'member_no'] as const;

// prettier-ignore
const COLUMNS: Record<DemoImportKind, readonly string[]> = {
  customers: [
    ...CUSTOMER_REFERENCE, 'family_name', 'given_name', 'family_name_kana', 'given_name_kana', 'gender', 'birth_date',
    'postal_code', 'prefecture', 'city', 'address_line1', 'address_line2', 'registered_at',
  ],
  products: ['sku', 'name', 'series', 'category', 'price', 'tags', 'is_trial'],
  orders: [
    'order_id', ...CUSTOMER_REFERENCE, 'ordered_at', 'channel', 'store_id', 'line_no', 'sku', 'product_name',
    'quantity', 'unit_price', 'amount', 'coupon_code',
  ],
  shipments: ['shipment_id', 'order_id', 'shipped_at', 'delivered_at', 'carrier', 'tracking_no'],
  returns: ['return_id', 'order_id', 'returned_at', 'amount', 'reason'],
  events: ['name', ...CUSTOMER_REFERENCE, 'occurred_at', 'event_id', 'properties'],
  consents: [...CUSTOMER_REFERENCE, 'channel', 'status', 'recorded_at'],
};

/** Columns of the form `<prefix><name>` each kind accepts. */
const PREFIXED: Partial<Record<DemoImportKind, string>> = { customers: 'attr_', events: 'prop_' };

const REQUIRED: Record<DemoImportKind, readonly string[]> = {
  customers: [],
  products: ['sku', 'name'],
  orders: ['order_id', 'ordered_at', 'sku', 'quantity', 'unit_price'],
  shipments: ['shipment_id', 'order_id', 'shipped_at'],
  returns: ['return_id', 'order_id', 'returned_at', 'amount'],
  events: ['name', 'occurred_at'],
  consents: ['channel', 'status', 'recorded_at'],
};

/** Kinds whose rows must name a customer with at least one identity. */
const NEEDS_CUSTOMER_REFERENCE: readonly DemoImportKind[] = ['customers', 'orders', 'events', 'consents'];

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2}) ([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/;
const INTEGER = /^-?\d+$/;

export function headerProblems(kind: DemoImportKind, header: readonly string[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const column of header) {
    const lower = column.toLowerCase();
    if (seen.has(lower)) problems.push(`duplicate column ${column}`);
    seen.add(lower);
    const prefix = PREFIXED[kind];
    const prefixed = prefix !== undefined && lower.startsWith(prefix) && lower.length > prefix.length;
    if (!COLUMNS[kind].includes(lower) && !prefixed) problems.push(`unknown column ${column}`);
  }
  for (const column of REQUIRED[kind]) if (!seen.has(column)) problems.push(`missing column ${column}`);
  if (NEEDS_CUSTOMER_REFERENCE.includes(kind) && !CUSTOMER_REFERENCE.some((column) => seen.has(column))) {
    problems.push('no customer reference column');
  }
  return problems;
}

function isRealDate(year: string | undefined, month: string | undefined, day: string | undefined): boolean {
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  if (m < 1 || m > 12 || d < 1) return false;
  const monthDays = [
    31,
    y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28,
    31,
    30,
    31,
    30,
    31,
    31,
    30,
    31,
    30,
    31,
  ];
  return d <= (monthDays[m - 1] ?? 0);
}

export function isDate(value: string): boolean {
  const match = DATE.exec(value);
  return match !== null && isRealDate(match[1], match[2], match[3]);
}

export function isDateTime(value: string): boolean {
  const match = DATE_TIME.exec(value);
  return match !== null && isRealDate(match[1], match[2], match[3]);
}

export function normaliseEmail(value: string): string {
  return value.normalize('NFKC').trim().toLowerCase();
}

/** E.164 with +81 as the default country, as the importer stores phones. */
export function normalisePhone(value: string): string {
  const text = value.normalize('NFKC').trim();
  const digits = text.replace(/\D/g, '');
  return text.startsWith('+') ? `+${digits}` : `+81${digits.replace(/^0/, '')}`;
}

export function normaliseId(value: string): string {
  return value.normalize('NFKC');
}

function valueProblem(kind: DemoImportKind, column: string, value: string): string | undefined {
  if (value === '') return undefined;
  const nfkc = value.normalize('NFKC');
  switch (column) {
    case 'email':
      return /^[a-z0-9._%+-]+@example\.(com|jp|net)$/.test(normaliseEmail(value)) ? undefined : 'not an example email';
    case 'phone':
      return isValidPhoneNumber(nfkc, 'JP') ? undefined : 'not a valid phone number';
    case 'line_user_id':
      return /^U[0-9a-f]{32}$/.test(nfkc) ? undefined : 'not a LINE user id';
    case 'member_no':
      return /^2\d{12}$/.test(nfkc) ? undefined : 'not a 13-digit member number';
    case 'postal_code':
      return /^\d{3}-?\d{4}$/.test(nfkc) ? undefined : 'not a postal code';
    case 'gender':
      return ['female', 'male', 'other', '女性', '男性', 'F', 'M'].includes(value) ? undefined : 'unknown gender';
    case 'birth_date':
      return isDate(value) ? undefined : 'not a date';
    case 'registered_at':
    case 'ordered_at':
    case 'shipped_at':
    case 'delivered_at':
    case 'returned_at':
    case 'occurred_at':
    case 'recorded_at':
      return isDateTime(value) ? undefined : 'not a date-time';
    case 'price':
    case 'unit_price':
    case 'line_no':
      return INTEGER.test(value) ? undefined : 'not an integer';
    case 'amount':
      return INTEGER.test(value) && (kind !== 'returns' || Number(value) >= 0) ? undefined : 'not a valid amount';
    case 'quantity':
      return INTEGER.test(value) && Number(value) >= 1 ? undefined : 'not a quantity';
    case 'is_trial':
      return ['true', 'false', '1', '0'].includes(value) ? undefined : 'not a boolean';
    case 'channel':
      if (kind === 'consents') return ['email', 'line', 'sms', 'dm'].includes(value) ? undefined : 'unknown channel';
      return ['store', 'ec', '店舗', '通販', 'EC'].includes(value) ? undefined : 'unknown channel';
    case 'status':
      return ['granted', 'revoked'].includes(value) ? undefined : 'unknown status';
    case 'properties':
      return isJsonObject(value) ? undefined : 'not a JSON object';
    default:
      return undefined;
  }
}

function isJsonObject(value: string): boolean {
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
  } catch {
    return false;
  }
}

/** Problems the importer would reject the row for, as 'column: reason'. */
export function rowProblems(kind: DemoImportKind, header: readonly string[], row: readonly string[]): string[] {
  if (row.length !== header.length) return [`${row.length} cells for ${header.length} columns`];
  const problems: string[] = [];
  const cell = (column: string): string => row[header.indexOf(column)] ?? '';
  header.forEach((column, position) => {
    const value = row[position];
    if (typeof value !== 'string') {
      problems.push(`${column}: not a string`);
      return;
    }
    const problem = valueProblem(kind, column, value);
    if (problem) problems.push(`${column}: ${problem} (${JSON.stringify(value)})`);
  });
  for (const column of REQUIRED[kind]) if (cell(column) === '') problems.push(`${column}: required`);
  if (NEEDS_CUSTOMER_REFERENCE.includes(kind) && CUSTOMER_REFERENCE.every((column) => cell(column) === '')) {
    problems.push('no customer reference');
  }
  return problems;
}
