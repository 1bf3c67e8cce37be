import { createHash } from 'node:crypto';
import { normaliseIdentifier } from '../normalise/identifier';
import {
  CUSTOMER_REFERENCE_COLUMNS,
  CUSTOMER_REFERENCE_GROUP,
  readCustomerReference,
  type CustomerReference,
} from '../rows/customer-reference';
import type { ImportKindDefinition } from '../rows/import-kind-definition';
import { parseDateTime } from '../values/date-time';
import { fail, ok, type Parsed } from '../values/parsed';
import { parseExternalId } from './orders';

export type EventProperties = Record<string, unknown>;

export interface EventRow {
  eventId: string;
  name: string;
  reference: CustomerReference;
  occurredAt: Date;
  properties: EventProperties;
}

const EVENT_NAME = /^[a-z][a-z0-9_.:-]{0,99}$/;
const MAX_PROPERTIES_BYTES = 16_384;

export function parseEventName(raw: string): Parsed<string> {
  const name = normaliseIdentifier(raw);
  return EVENT_NAME.test(name)
    ? ok(name)
    : fail(`"${raw}" is not an event name (lower-case letters, digits and _ . : -, starting with a letter)`);
}

export function parseProperties(raw: string): Parsed<EventProperties> {
  if (Buffer.byteLength(raw) > MAX_PROPERTIES_BYTES) return fail(`is larger than ${MAX_PROPERTIES_BYTES} bytes`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return fail('is not valid JSON');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return fail('must be a JSON object');
  return ok(parsed as EventProperties);
}

/**
 * An event without an id gets one derived from its content, so importing the same file twice
 * stores each event once.
 */
export function derivedEventId(
  name: string,
  reference: CustomerReference,
  occurredAt: Date,
  properties: EventProperties,
): string {
  const content = JSON.stringify([name, reference, occurredAt.toISOString(), properties]);
  return `derived:${createHash('sha256').update(content).digest('base64url').slice(0, 32)}`;
}

export const eventsDefinition: ImportKindDefinition<EventRow> = {
  kind: 'events',
  columns: ['event_id', 'name', ...CUSTOMER_REFERENCE_COLUMNS, 'occurred_at', 'properties'],
  required: ['name', 'occurred_at'],
  oneOf: [CUSTOMER_REFERENCE_GROUP],
  prefixes: ['prop_'],
  parseRow(reader) {
    const eventId = reader.optional('event_id', parseExternalId);
    const name = reader.required('name', parseEventName);
    const reference = readCustomerReference(reader);
    const occurredAt = reader.required('occurred_at', (raw) => parseDateTime(raw, reader.context.timeZone));
    const properties = reader.optional('properties', parseProperties) ?? {};
    for (const [key, value] of reader.withPrefix('prop_')) properties[key] = value;
    if (reader.issues.length || !name || !reference || !occurredAt) return undefined;
    return {
      eventId: eventId ?? derivedEventId(name, reference, occurredAt, properties),
      name,
      reference,
      occurredAt,
      properties,
    };
  },
};
