import type { ImportKindDefinition } from '../rows/import-kind-definition';
import { parseDateTime } from '../values/date-time';
import { parseYen } from '../values/numbers';
import { withoutUndefined } from '../values/without-undefined';
import { parseExternalId } from './orders';

export interface ReturnRow {
  returnId: string;
  orderId: string;
  returnedAt: Date;
  amount: number;
  reason?: string;
}

export const returnsDefinition: ImportKindDefinition<ReturnRow> = {
  kind: 'returns',
  columns: ['return_id', 'order_id', 'returned_at', 'amount', 'reason'],
  required: ['return_id', 'order_id', 'returned_at', 'amount'],
  oneOf: [],
  prefixes: [],
  parseRow(reader) {
    const returnId = reader.required('return_id', parseExternalId);
    const orderId = reader.required('order_id', parseExternalId);
    const returnedAt = reader.required('returned_at', (raw) => parseDateTime(raw, reader.context.timeZone));
    const amount = reader.required('amount', (raw) => parseYen(raw, { min: 0 }));
    const reason = reader.optionalText('reason', 500);
    if (reader.issues.length || !returnId || !orderId || !returnedAt || amount === undefined) return undefined;
    return withoutUndefined<ReturnRow>({ returnId, orderId, returnedAt, amount, reason });
  },
};
