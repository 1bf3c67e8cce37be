import type { CopyText } from './copy-text';
import type { ImportWriteContext } from './import-writer';

/** A line with its ids resolved, ready to store. */
export interface ResolvedLine {
  orderId: number;
  lineNo: number;
  customerId: number;
  orderedAt: Date;
  productId: number;
  quantity: number;
  unitPrice: number;
  amount: number;
}

const LINE_COLUMNS = [
  'workspace_id',
  'order_id',
  'line_no',
  'customer_id',
  'ordered_at',
  'product_id',
  'quantity',
  'unit_price',
  'amount',
];

/**
 * Lines of orders created in this transaction: they cannot exist yet, so COPY writes them. `copy`
 * holds them in COPY text, LINE_COLUMNS in order.
 */
export async function copyNewLines(context: ImportWriteContext, copy: CopyText): Promise<void> {
  await copy.copyInto(context.tx, 'order_line', LINE_COLUMNS);
}

/** Lines of orders that existed before: insert or update, touching only what differs. */
export async function upsertLines(context: ImportWriteContext, lines: readonly ResolvedLine[]): Promise<void> {
  if (!lines.length) return;
  await context.tx.query(
    `INSERT INTO order_line AS l (workspace_id, order_id, line_no, customer_id, ordered_at, product_id, quantity, unit_price, amount)
     SELECT $1, t.* FROM unnest($2::int[], $3::int[], $4::int[], $5::timestamptz[], $6::int[], $7::int[], $8::int[], $9::int[]) AS t
     ON CONFLICT (order_id, line_no) DO UPDATE SET
       customer_id = EXCLUDED.customer_id, ordered_at = EXCLUDED.ordered_at, product_id = EXCLUDED.product_id,
       quantity = EXCLUDED.quantity, unit_price = EXCLUDED.unit_price, amount = EXCLUDED.amount
     WHERE (l.customer_id, l.ordered_at, l.product_id, l.quantity, l.unit_price, l.amount) IS DISTINCT FROM
           (EXCLUDED.customer_id, EXCLUDED.ordered_at, EXCLUDED.product_id, EXCLUDED.quantity, EXCLUDED.unit_price, EXCLUDED.amount)`,
    [
      context.workspaceId,
      lines.map((l) => l.orderId),
      lines.map((l) => l.lineNo),
      lines.map((l) => l.customerId),
      lines.map((l) => l.orderedAt),
      lines.map((l) => l.productId),
      lines.map((l) => l.quantity),
      lines.map((l) => l.unitPrice),
      lines.map((l) => l.amount),
    ],
  );
}

/** Lines stored earlier (another file, an earlier batch) follow a header that changed. */
export async function realignLines(context: ImportWriteContext, changedOrderIds: readonly number[]): Promise<void> {
  if (!changedOrderIds.length) return;
  await context.tx.query(
    `UPDATE order_line l SET customer_id = o.customer_id, ordered_at = o.ordered_at
       FROM customer_order o
      WHERE o.id = ANY($1::int[]) AND l.order_id = o.id
        AND (l.customer_id, l.ordered_at) IS DISTINCT FROM (o.customer_id, o.ordered_at)`,
    [changedOrderIds],
  );
}

/** Recomputes the total and trial flag of orders from all their lines (orders whose lines changed). */
export async function summariseOrders(context: ImportWriteContext, orderIds: readonly number[]): Promise<void> {
  if (!orderIds.length) return;
  await context.tx.query(
    `UPDATE customer_order o SET amount = s.amount, trial_only = s.trial_only
       FROM (SELECT l.order_id, sum(l.amount)::int AS amount, bool_and(p.is_trial) AS trial_only
               FROM order_line l JOIN product p ON p.id = l.product_id
              WHERE l.order_id = ANY($1::int[]) GROUP BY l.order_id) s
      WHERE o.id = s.order_id AND (o.amount, o.trial_only) IS DISTINCT FROM (s.amount, s.trial_only)`,
    [orderIds],
  );
}
