import type { EventMatch, PropertyFilter } from '../graph/journey-graph.schema';

export interface EventFacts {
  name: string;
  properties: unknown;
}

/** Whether an event is the one a trigger, wait-for-event or goal waits for: its name and every filter. */
export function matchesEvent(match: EventMatch, event: EventFacts): boolean {
  if (event.name !== match.eventName) return false;
  return match.filters.every((filter) => matchesFilter(filter, event.properties));
}

/** The values at a dot path; arrays along the way fan out (`lines.sku` reads every line's sku). */
export function valuesAt(value: unknown, path: readonly string[]): unknown[] {
  if (path.length === 0) return Array.isArray(value) ? value : [value];
  if (Array.isArray(value)) return value.flatMap((item) => valuesAt(item, path));
  if (typeof value !== 'object' || value === null) return [];
  const [head, ...rest] = path;
  return valuesAt((value as Record<string, unknown>)[head!], rest);
}

export function matchesFilter(filter: PropertyFilter, properties: unknown): boolean {
  const values = valuesAt(properties, filter.property.split('.')).filter((v) => v !== undefined && v !== null);
  if (filter.operator === 'exists') return values.length > 0;
  if (filter.operator === 'neq') return values.every((v) => !sameValue(v, filter.value));
  return values.some((v) => holds(filter, v));
}

function holds(filter: PropertyFilter, actual: unknown): boolean {
  const expected = filter.value;
  switch (filter.operator) {
    case 'eq':
      return sameValue(actual, expected);
    case 'in':
      return Array.isArray(expected) && expected.some((e) => sameValue(actual, e));
    case 'contains':
      return typeof actual === 'string' && typeof expected === 'string' && actual.includes(expected);
    case 'gte':
      return typeof expected === 'number' && toNumber(actual) !== null && toNumber(actual)! >= expected;
    case 'lte':
      return typeof expected === 'number' && toNumber(actual) !== null && toNumber(actual)! <= expected;
    default:
      return false;
  }
}

/** Event properties arrive as JSON from many systems: "3" and 3 are the same quantity. */
function sameValue(actual: unknown, expected: unknown): boolean {
  if (typeof expected === 'number') return toNumber(actual) === expected;
  if (typeof expected === 'boolean') return actual === expected || actual === String(expected);
  return String(actual) === String(expected);
}

function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : null;
  }
  return null;
}
