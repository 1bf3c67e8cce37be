import type { OrderLineRow } from '@kizuna/ingest';
import { Injectable } from '@nestjs/common';
import { CustomerReferenceResolver } from './customer-reference-resolver';
import { type ImportWriteContext, type ImportWriter, type ParsedRow, type WriteRejection } from './import-writer';
import { storeOrderHeaders, type OrderHeader } from './order-headers';
import { copyNewLines, realignLines, summariseOrders, upsertLines, type ResolvedLine } from './order-lines';
import { productsFor } from './product-ids';

/**
 * How many recent orders remember their next line number. Rows of an order are usually together;
 * a file whose orders are scattered further apart than this needs a line_no column.
 */
const LINE_COUNTER_LIMIT = 200_000;

/**
 * A copy of a string that does not keep its source alive. Cells are V8 sliced strings of the whole
 * decoded chunk: a long-lived Map keyed by them would retain every chunk of the file.
 */
function detached(value: string): string {
  return ` ${value}`.slice(1);
}

/**
 * Orders files: one row per order line, the header repeated. Per batch: resolve customers, store
 * headers, store lines. The hot path avoids per-line Maps and arrays: it runs a million times for a
 * million-line file.
 */
/** Next line number per order, for the most recent orders (first in, first out; no scans). */
class LineCounters {
  private readonly next = new Map<string, number>();
  private readonly ring: (string | undefined)[];
  private position = 0;

  constructor(capacity: number) {
    this.ring = new Array<string | undefined>(capacity);
  }

  get(orderId: string): number | undefined {
    return this.next.get(orderId);
  }

  set(orderId: string, next: number): void {
    if (!this.next.has(orderId)) {
      const evicted = this.ring[this.position];
      if (evicted !== undefined) this.next.delete(evicted);
      orderId = detached(orderId);
      this.ring[this.position] = orderId;
      this.position = (this.position + 1) % this.ring.length;
    }
    this.next.set(orderId, next);
  }
}

@Injectable()
export class OrdersWriter implements ImportWriter<'orders'> {
  readonly kind = 'orders';

  constructor(private readonly customers: CustomerReferenceResolver) {}

  /** A row without line_no is numbered by its position among its order's rows in the file. */
  prepare(rows: readonly ParsedRow<OrderLineRow>[], fileState: Map<string, unknown>): void {
    let counters = fileState.get('lineCounters') as LineCounters | undefined;
    if (!counters) fileState.set('lineCounters', (counters = new LineCounters(LINE_COUNTER_LIMIT)));
    // Rows of an order are usually consecutive: keep the current order's counter in locals.
    let currentOrder: string | undefined;
    let next = 1;
    for (const { record } of rows) {
      if (record.orderId !== currentOrder) {
        if (currentOrder !== undefined) counters.set(currentOrder, next);
        currentOrder = record.orderId;
        next = counters.get(currentOrder) ?? 1;
      }
      const lineNo = record.lineNo ?? next;
      next = Math.max(next, lineNo + 1);
      record.lineNo = lineNo;
    }
    if (currentOrder !== undefined) counters.set(currentOrder, next);
  }

  async write(context: ImportWriteContext, rows: readonly ParsedRow<OrderLineRow>[]): Promise<WriteRejection[]> {
    // The header repeats on each line; an order's first line in the batch carries it.
    const headers: OrderHeader[] = [];
    const headerOfRow = new Int32Array(rows.length);
    const headerIndex = new Map<string, number>();
    let previousOrder: string | undefined;
    rows.forEach(({ record }, row) => {
      if (record.orderId !== previousOrder) {
        previousOrder = record.orderId;
        if (!headerIndex.has(record.orderId)) {
          headerIndex.set(record.orderId, headers.length);
          headers.push({ record, customerId: 0, amount: 0, trialOnly: true });
        }
      }
      headerOfRow[row] = headerIndex.get(record.orderId)!;
    });

    // Resolving customers takes the workspace identity lock for the rest of the transaction, which
    // also serialises order writes of the workspace: orders found missing stay missing until this
    // transaction commits, so they and their lines can be bulk-loaded without conflict handling.
    const customerIds = await this.customers.resolve(
      context,
      headers.map((h) => h.record.reference),
    );
    headers.forEach((header, index) => (header.customerId = customerIds[index]!));
    const products = await productsFor(
      context,
      rows.map(({ record }) => ({ sku: record.sku, name: record.productName, unitPrice: record.unitPrice })),
    );

    // The last row wins for a line stated twice (an upsert may touch a row only once per statement).
    const lastRowOfLine = new Map<number, number>();
    rows.forEach(({ record }, row) => lastRowOfLine.set(headerOfRow[row]! * 1_000_000 + record.lineNo!, row));
    // An order's total and trial flag, from its lines in this batch: complete for orders new here.
    for (const row of lastRowOfLine.values()) {
      const { record } = rows[row]!;
      const header = headers[headerOfRow[row]!]!;
      header.amount += record.amount;
      header.trialOnly &&= products.get(record.sku)!.isTrial;
    }
    const { orderIds, newOrderIds, changedOrderIds } = await storeOrderHeaders(context, headers);

    const newLines: ResolvedLine[] = [];
    const otherLines: ResolvedLine[] = [];
    for (const row of lastRowOfLine.values()) {
      const { record } = rows[row]!;
      const header = headers[headerOfRow[row]!]!;
      const orderId = orderIds.get(record.orderId)!;
      const line: ResolvedLine = {
        orderId,
        lineNo: record.lineNo!,
        customerId: header.customerId,
        orderedAt: header.record.orderedAt,
        productId: products.get(record.sku)!.id,
        quantity: record.quantity,
        unitPrice: record.unitPrice,
        amount: record.amount,
      };
      (newOrderIds.has(orderId) ? newLines : otherLines).push(line);
    }
    await copyNewLines(context, newLines);
    await upsertLines(context, otherLines);
    await realignLines(context, changedOrderIds);
    // Orders that existed before may have gained or changed lines: their totals come from all their lines.
    await summariseOrders(context, [...new Set(otherLines.map((line) => line.orderId))]);
    return [];
  }
}
