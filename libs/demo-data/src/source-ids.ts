/**
 * Record ids of the source systems, derived from the customer index so every table can rebuild them
 * without shared state. Ids follow customer order, which is registration order (see customer-profile).
 */

/** EC member number: 'EC0000123'. */
export function ecCustomerNumber(index: number): string {
  return String(index + 1).padStart(7, '0');
}

export function ecCustomerId(index: number): string {
  return `EC${ecCustomerNumber(index)}`;
}

/** Store member record: 'P00004567'. */
export function posCustomerId(index: number): string {
  return `P${String(index + 1).padStart(8, '0')}`;
}

const SEQUENCE_LABELS: readonly string[] = Array.from({ length: 1000 }, (_, n) => String(n).padStart(3, '0'));

/** '001' … '999', then plain digits: the n-th order of a customer within one system. */
export function sequenceLabel(sequence: number): string {
  return SEQUENCE_LABELS[sequence] ?? String(sequence);
}

/** EC order number: the member's id and their n-th order, e.g. 'EC0000123-004'. */
export function ecOrderId(index: number, sequence: number): string {
  return `EC${ecCustomerNumber(index)}-${sequenceLabel(sequence)}`;
}

/** Store receipt number, e.g. 'P00004567-002'. */
export function posOrderId(index: number, sequence: number): string {
  return `${posCustomerId(index)}-${sequenceLabel(sequence)}`;
}

/** EC site event id, unique in source 'ec': 'EV0000123-01'. */
export function ecEventId(index: number, n: number): string {
  return `EV${ecCustomerNumber(index)}-${String(n).padStart(2, '0')}`;
}

/** LINE webhook event id, unique in source 'line': 'LN00004567-01'. */
export function lineEventId(index: number, n: number): string {
  return `LN${String(index + 1).padStart(8, '0')}-${String(n).padStart(2, '0')}`;
}
