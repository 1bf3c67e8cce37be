import type { OrderLineRow } from '@kizuna/ingest';
import { Injectable } from '@nestjs/common';
import { CustomerReferenceResolver } from './customer-reference-resolver';
import { lastPerKey, namedMap, type ImportWriteContext, type ImportWriter, type ParsedRow, type WriteRejection } from './import-writer';
import { productIdsFor } from './product-ids';
import { copyRows } from '../../infrastructure/database/copy-rows';

/** How many recent orders remember their next line number (rows of an order are usually together). */
const LINE_COUNTER_LIMIT = 200_000;

@Injectable()
export class OrdersWriter implements ImportWriter<'orders'> {
  readonly kind = 'orders';

  constructor(private readonly customers: CustomerReferenceResolver) {}

  /** A row without line_no is numbered by its position among its order's rows in the file. */
  prepare(rows: readonly ParsedRow<OrderLineRow>[], fileState: Map<string, unknown>): void {
    const nextLineNo = namedMap<number>(fileState, 'nextLineNoByOrder');
    // Rows of an order are usually consecutive: keep the current order's counter in locals.
    let currentOrder: string | undefined;
    let next = 1;
    const flush = () => {
      if (currentOrder === undefined) return;
      nextLineNo.delete(currentOrder);
      nextLineNo.set(currentOrder, next);
      if (nextLineNo.size > LINE_COUNTER_LIMIT) nextLineNo.delete(nextLineNo.keys().next().value!);
    };
    for (const { record } of rows) {
      if (record.orderId !== currentOrder) {
        flush();
        currentOrder = record.orderId;
        next = nextLineNo.get(currentOrder) ?? 1;
      }
      const lineNo = record.lineNo ?? next;
      next = Math.max(next, lineNo + 1);
      record.lineNo = lineNo;
    }
    flush();
  }

  async write(context: ImportWriteContext, rows: readonly ParsedRow<OrderLineRow>[]): Promise<WriteRejection[]> {
    // The order header repeats on each line; the batch's first line of an order carries it.
    const orders = lastPerKey([...rows].reverse(), (row) => row.record.orderId).map((row) => row.record);
    // Resolving customers takes the workspace identity lock for the rest of the transaction, which
    // also serialises order writes of the workspace: orders found missing below stay missing until
    // this transaction commits, so they can be bulk-loaded without conflict handling.
    const customerIds = await this.customers.resolve(
      context,
      orders.map((order) => order.reference),
    );
    const headers = orders.map((order, index) => ({ ...order, customerId: customerIds[index]! }));
    const { orderIds, newOrderIds, changedOrderIds } = await this.storeHeaders(context, headers);

    const lines = lastPerKey(rows, (row) => `${row.record.orderId}\u0000${row.record.lineNo}`).map((row) => row.record);
    const productIds = await productIdsFor(
      context,
      lines.map((line) => ({ sku: line.sku, name: line.productName, unitPrice: line.unitPrice })),
    );
    const headerByExternal = new Map(headers.map((header) => [header.orderId, header]));
    const lineValues = lines.map((line) => {
      const header = headerByExternal.get(line.orderId)!;
      return [
        context.workspaceId,
        orderIds.get(line.orderId)!,
        line.lineNo!,
        header.customerId,
        header.orderedAt,
        productIds.get(line.sku)!,
        line.quantity,
        line.unitPrice,
        line.amount,
      ] as const;
    });
    // Lines of orders created in this transaction cannot exist yet: bulk-load them.
    await copyRows(context.tx, 'order_line', LINE_COLUMNS, lineValues.filter((values) => newOrderIds.has(values[1])));
    await upsertLines(context, lineValues.filter((values) => !newOrderIds.has(values[1])));
    // Lines stored earlier (another file, an earlier batch) follow a header that changed.
    if (changedOrderIds.length) {
      await context.tx.query(
        `UPDATE order_line l SET customer_id = o.customer_id, ordered_at = o.ordered_at
           FROM customer_order o
          WHERE o.id = ANY($1::int[]) AND l.order_id = o.id
            AND (l.customer_id, l.ordered_at) IS DISTINCT FROM (o.customer_id, o.ordered_at)`,
        [changedOrderIds],
      );
    }
    return [];
  }

  /**
   * Inserts new order headers and updates changed ones; returns every order's id. Headers go
   * through a temporary table by COPY, then one INSERT ... ON CONFLICT DO NOTHING RETURNING: a new
   * order costs one unique-index descent, and only orders that already existed are looked up.
   */
  private async storeHeaders(context: ImportWriteContext, headers: readonly OrderHeader[]) {
    const { tx, workspaceId, source } = context;
    await ensureOrderStage(tx);
    await copyRows(
      tx,
      'import_order_stage',
      ['customer_id', 'external_id', 'channel', 'store_id', 'ordered_at', 'coupon_code'],
      headers.map((h) => [h.customerId, h.orderId, h.channel, h.storeId, h.orderedAt, h.couponCode]),
    );
    const { rows: inserted } = await tx.query<{ id: number; external_id: string }>(
      `INSERT INTO customer_order (workspace_id, source, customer_id, external_id, channel, store_id, ordered_at, coupon_code)
       SELECT $1, $2, s.customer_id, s.external_id, s.channel, s.store_id, s.ordered_at, s.coupon_code FROM import_order_stage s
       ON CONFLICT (workspace_id, source, external_id) DO NOTHING
       RETURNING id, external_id`,
      [workspaceId, source],
    );
    const orderIds = new Map(inserted.map((row) => [row.external_id, row.id]));
    const newOrderIds = new Set(orderIds.values());
    const existingExternalIds = headers.filter((h) => !orderIds.has(h.orderId)).map((h) => h.orderId);
    const changedOrderIds: number[] = [];
    if (existingExternalIds.length) {
      const { rows: stored } = await tx.query<StoredHeader>(
        `SELECT id, external_id, customer_id, channel::text AS channel, store_id, ordered_at, coupon_code
           FROM customer_order WHERE workspace_id = $1 AND source = $2 AND external_id = ANY($3::text[])`,
        [workspaceId, source, existingExternalIds],
      );
      const storedByExternal = new Map(stored.map((row) => [row.external_id, row]));
      for (const row of stored) orderIds.set(row.external_id, row.id);
      const changed = headers.filter((h) => {
        const row = storedByExternal.get(h.orderId);
        return row !== undefined && headerChanged(row, h);
      });
      if (changed.length) {
        await tx.query(
          `UPDATE customer_order o SET customer_id = t.customer_id, channel = t.channel, store_id = t.store_id,
                  ordered_at = t.ordered_at, coupon_code = t.coupon_code
             FROM unnest($1::int[], $2::int[], $3::sales_channel[], $4::text[], $5::timestamptz[], $6::text[])
                  AS t(id, customer_id, channel, store_id, ordered_at, coupon_code)
            WHERE o.id = t.id`,
          [
            changed.map((h) => orderIds.get(h.orderId)!),
            changed.map((h) => h.customerId),
            changed.map((h) => h.channel),
            changed.map((h) => h.storeId ?? null),
            changed.map((h) => h.orderedAt),
            changed.map((h) => h.couponCode ?? null),
          ],
        );
        changedOrderIds.push(...changed.map((h) => orderIds.get(h.orderId)!));
      }
    }
    return { orderIds, newOrderIds, changedOrderIds };
  }
}

/** Connections that already have the session's staging table. */
const stagedConnections = new WeakSet<object>();

/** A temporary table per connection, emptied at each commit, to bulk-load order headers into. */
async function ensureOrderStage(tx: ImportWriteContext['tx']): Promise<void> {
  if (stagedConnections.has(tx)) return;
  await tx.query(
    `CREATE TEMP TABLE IF NOT EXISTS import_order_stage (
       customer_id int, external_id text, channel sales_channel, store_id text, ordered_at timestamptz, coupon_code text
     ) ON COMMIT DELETE ROWS`,
  );
  stagedConnections.add(tx);
}

type OrderHeader = OrderLineRow & { customerId: number };

interface StoredHeader {
  id: number;
  external_id: string;
  customer_id: number;
  channel: string;
  store_id: string | null;
  ordered_at: Date;
  coupon_code: string | null;
}

function headerChanged(stored: StoredHeader, header: OrderHeader): boolean {
  return (
    stored.customer_id !== header.customerId ||
    stored.channel !== header.channel ||
    stored.store_id !== (header.storeId ?? null) ||
    stored.ordered_at.getTime() !== header.orderedAt.getTime() ||
    stored.coupon_code !== (header.couponCode ?? null)
  );
}

const LINE_COLUMNS = ['workspace_id', 'order_id', 'line_no', 'customer_id', 'ordered_at', 'product_id', 'quantity', 'unit_price', 'amount'];

type LineValues = readonly [number, number, number, number, Date, number, number, number, number];

/** Lines of orders that existed before: insert or update, touching only what differs. */
async function upsertLines(context: ImportWriteContext, lines: readonly LineValues[]): Promise<void> {
  if (!lines.length) return;
  const column = (index: number) => lines.map((values) => values[index]);
  await context.tx.query(
    `INSERT INTO order_line AS l (workspace_id, order_id, line_no, customer_id, ordered_at, product_id, quantity, unit_price, amount)
     SELECT $1, t.* FROM unnest($2::int[], $3::int[], $4::int[], $5::timestamptz[], $6::int[], $7::int[], $8::int[], $9::int[]) AS t
     ON CONFLICT (order_id, line_no) DO UPDATE SET
       customer_id = EXCLUDED.customer_id, ordered_at = EXCLUDED.ordered_at, product_id = EXCLUDED.product_id,
       quantity = EXCLUDED.quantity, unit_price = EXCLUDED.unit_price, amount = EXCLUDED.amount
     WHERE (l.customer_id, l.ordered_at, l.product_id, l.quantity, l.unit_price, l.amount) IS DISTINCT FROM
           (EXCLUDED.customer_id, EXCLUDED.ordered_at, EXCLUDED.product_id, EXCLUDED.quantity, EXCLUDED.unit_price, EXCLUDED.amount)`,
    [context.workspaceId, column(1), column(2), column(3), column(4), column(5), column(6), column(7), column(8)],
  );
}
