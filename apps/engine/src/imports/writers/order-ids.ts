import type { ImportWriteContext, WriteRejection } from './import-writer';

/**
 * Ids of the orders that rows (shipments, returns) refer to by order number; rows naming an order
 * that was not imported from the same source are rejected.
 */
export async function orderIdsFor<T extends { line: number; record: { orderId: string } }>(
  context: ImportWriteContext,
  rows: readonly T[],
): Promise<{ found: { row: T; orderId: number }[]; rejections: WriteRejection[] }> {
  const { rows: orders } = await context.tx.query<{ id: number; external_id: string }>(
    'SELECT id, external_id FROM customer_order WHERE workspace_id = $1 AND source = $2 AND external_id = ANY($3::text[])',
    [context.workspaceId, context.source, [...new Set(rows.map((row) => row.record.orderId))]],
  );
  const idByExternal = new Map(orders.map((order) => [order.external_id, order.id]));
  const found: { row: T; orderId: number }[] = [];
  const rejections: WriteRejection[] = [];
  for (const row of rows) {
    const orderId = idByExternal.get(row.record.orderId);
    if (orderId === undefined) {
      const from = context.source ? ` from source "${context.source}"` : '';
      rejections.push({
        line: row.line,
        column: 'order_id',
        reason: `order "${row.record.orderId}"${from} does not exist`,
      });
    } else found.push({ row, orderId });
  }
  return { found, rejections };
}
