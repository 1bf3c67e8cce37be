import type { ShipmentRow } from '@kizuna/ingest';
import { Injectable } from '@nestjs/common';
import {
  lastPerKey,
  type ImportWriteContext,
  type ImportWriter,
  type ParsedRow,
  type WriteRejection,
} from './import-writer';
import { orderIdsFor } from './order-ids';

@Injectable()
export class ShipmentsWriter implements ImportWriter<'shipments'> {
  readonly kind = 'shipments';

  async write(context: ImportWriteContext, rows: readonly ParsedRow<ShipmentRow>[]): Promise<WriteRejection[]> {
    const { found, rejections } = await orderIdsFor(
      context,
      lastPerKey(rows, (row) => row.record.shipmentId),
    );
    await context.tx.query(
      `INSERT INTO shipment AS s (workspace_id, source, order_id, external_id, shipped_at, delivered_at, carrier, tracking_no)
       SELECT $1, $2, t.* FROM unnest($3::int[], $4::text[], $5::timestamptz[], $6::timestamptz[], $7::text[], $8::text[]) AS t
       ON CONFLICT (workspace_id, source, external_id) DO UPDATE SET
         order_id = EXCLUDED.order_id, shipped_at = EXCLUDED.shipped_at,
         delivered_at = COALESCE(EXCLUDED.delivered_at, s.delivered_at),
         carrier = COALESCE(EXCLUDED.carrier, s.carrier), tracking_no = COALESCE(EXCLUDED.tracking_no, s.tracking_no)
       WHERE (s.order_id, s.shipped_at, s.delivered_at, s.carrier, s.tracking_no) IS DISTINCT FROM
             (EXCLUDED.order_id, EXCLUDED.shipped_at, COALESCE(EXCLUDED.delivered_at, s.delivered_at),
              COALESCE(EXCLUDED.carrier, s.carrier), COALESCE(EXCLUDED.tracking_no, s.tracking_no))`,
      [
        context.workspaceId,
        context.source,
        found.map((f) => f.orderId),
        found.map((f) => f.row.record.shipmentId),
        found.map((f) => f.row.record.shippedAt),
        found.map((f) => f.row.record.deliveredAt ?? null),
        found.map((f) => f.row.record.carrier ?? null),
        found.map((f) => f.row.record.trackingNo ?? null),
      ],
    );
    return rejections;
  }
}
