import type { ReturnRow } from '@kizuna/ingest';
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
export class ReturnsWriter implements ImportWriter<'returns'> {
  readonly kind = 'returns';

  async write(context: ImportWriteContext, rows: readonly ParsedRow<ReturnRow>[]): Promise<WriteRejection[]> {
    const { found, rejections } = await orderIdsFor(
      context,
      lastPerKey(rows, (row) => row.record.returnId),
    );
    await context.tx.query(
      `INSERT INTO order_return AS r (workspace_id, source, order_id, external_id, returned_at, amount, reason)
       SELECT $1, $2, t.* FROM unnest($3::int[], $4::text[], $5::timestamptz[], $6::int[], $7::text[]) AS t
       ON CONFLICT (workspace_id, source, external_id) DO UPDATE SET
         order_id = EXCLUDED.order_id, returned_at = EXCLUDED.returned_at, amount = EXCLUDED.amount,
         reason = COALESCE(EXCLUDED.reason, r.reason)
       WHERE (r.order_id, r.returned_at, r.amount, r.reason) IS DISTINCT FROM
             (EXCLUDED.order_id, EXCLUDED.returned_at, EXCLUDED.amount, COALESCE(EXCLUDED.reason, r.reason))`,
      [
        context.workspaceId,
        context.source,
        found.map((f) => f.orderId),
        found.map((f) => f.row.record.returnId),
        found.map((f) => f.row.record.returnedAt),
        found.map((f) => f.row.record.amount),
        found.map((f) => f.row.record.reason ?? null),
      ],
    );
    return rejections;
  }
}
