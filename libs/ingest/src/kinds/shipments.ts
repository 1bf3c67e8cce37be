import type { ImportKindDefinition } from '../rows/import-kind-definition';
import { parseDateTime } from '../values/date-time';
import { withoutUndefined } from '../values/without-undefined';
import { parseExternalId } from './orders';

export interface ShipmentRow {
  shipmentId: string;
  orderId: string;
  shippedAt: Date;
  deliveredAt?: Date;
  carrier?: string;
  trackingNo?: string;
}

export const shipmentsDefinition: ImportKindDefinition<ShipmentRow> = {
  kind: 'shipments',
  columns: ['shipment_id', 'order_id', 'shipped_at', 'delivered_at', 'carrier', 'tracking_no'],
  required: ['shipment_id', 'order_id', 'shipped_at'],
  oneOf: [],
  prefixes: [],
  parseRow(reader) {
    const { timeZone } = reader.context;
    const shipmentId = reader.required('shipment_id', parseExternalId);
    const orderId = reader.required('order_id', parseExternalId);
    const shippedAt = reader.required('shipped_at', (raw) => parseDateTime(raw, timeZone));
    const deliveredAt = reader.optional('delivered_at', (raw) => parseDateTime(raw, timeZone));
    if (shippedAt && deliveredAt && deliveredAt < shippedAt) reader.issue('delivered_at', 'is before shipped_at');
    const carrier = reader.optionalText('carrier', 100);
    const trackingNo = reader.optional('tracking_no', parseExternalId);
    if (reader.issues.length || !shipmentId || !orderId || !shippedAt) return undefined;
    return withoutUndefined<ShipmentRow>({ shipmentId, orderId, shippedAt, deliveredAt, carrier, trackingNo });
  },
};
