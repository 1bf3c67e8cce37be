import type { OrderLineRow } from '@kizuna/ingest';
import type { RowBatch } from './import-writer';
import type { SkuReference } from './product-ids';

/**
 * How many recent orders at least remember their next line number. Rows of an order are usually
 * together; a file whose orders are scattered further apart than this needs a line_no column.
 */
const LINE_COUNTER_LIMIT = 200_000;

/**
 * A copy of a string that does not keep its source alive. Cells of 13 characters or more are V8
 * sliced strings of the whole decoded chunk: a long-lived Map keyed by them would retain every chunk
 * of the file. Shorter strings are copies already.
 */
function detached(value: string): string {
  return value.length < 13 ? value : ` ${value}`.slice(1);
}

/**
 * Next line number per order, for the most recent orders: two generations of up to `capacity`
 * orders each; when the current one is full it becomes the previous one and the oldest is dropped
 * whole. No deletes and no ring to scan: a Map that is only added to is cheap to keep.
 */
export class LineCounters {
  private current = new Map<string, number>();
  private previous = new Map<string, number>();

  constructor(private readonly capacity = LINE_COUNTER_LIMIT) {}

  get(orderId: string): number | undefined {
    return this.current.get(orderId) ?? this.previous.get(orderId);
  }

  set(orderId: string, next: number): void {
    if (this.current.has(orderId)) {
      this.current.set(orderId, next);
      return;
    }
    if (this.current.size >= this.capacity) {
      this.previous = this.current;
      this.current = new Map<string, number>();
    }
    this.current.set(detached(orderId), next);
  }
}

function grown<T extends Int32Array | Float64Array>(array: T, size: number): T {
  if (size < array.length) return array;
  const larger = new (array.constructor as new (length: number) => T)(array.length * 2);
  larger.set(array);
  return larger;
}

/**
 * The lines of one batch of an orders file, as columns. Per line it keeps numbers in typed arrays
 * and a pointer to its SKU; per order, the record of the order's first line in the batch (the header
 * repeats on every line; the first one states it, as before). Nothing per line outlives parsing, so
 * a batch held while the next one is parsed costs the garbage collector almost nothing.
 *
 * Lines without line_no are numbered here, in file order, by their position among their order's
 * lines: the counters live for the file, and each row is numbered once, when it is added.
 */
export class OrderLineBatch implements RowBatch<OrderLineRow> {
  size = 0;
  /** The first line's record of each order, in order of first appearance. */
  readonly orders: OrderLineRow[] = [];
  /** Distinct SKUs of the batch, with the name and price of their first line (for stub products). */
  readonly skus: SkuReference[] = [];
  line = new Int32Array(1024);
  order = new Int32Array(1024);
  lineNo = new Int32Array(1024);
  sku = new Int32Array(1024);
  quantity = new Int32Array(1024);
  unitPrice = new Int32Array(1024);
  /** quantity × unit_price when not given: may exceed int4, which the database then refuses. */
  amount = new Float64Array(1024);
  /** Some line of an order is stated twice in this batch (the last one wins). */
  hasRepeatedLines = false;

  private readonly orderIndex = new Map<string, number>();
  private readonly skuIndex = new Map<string, number>();
  private highestLineNo = new Int32Array(256);
  private lastOrderId: string | undefined;
  private lastOrder = -1;
  // Line numbering state: the order whose lines are being numbered and its next number.
  private numberedOrder: string | undefined;
  private nextLineNo = 1;

  constructor(private readonly counters: LineCounters | undefined) {}

  add(line: number, record: OrderLineRow): void {
    const orderId = record.orderId;
    if (this.counters && orderId !== this.numberedOrder) {
      if (this.numberedOrder !== undefined) this.counters.set(this.numberedOrder, this.nextLineNo);
      this.numberedOrder = orderId;
      this.nextLineNo = this.counters.get(orderId) ?? 1;
    }
    const lineNo = record.lineNo ?? this.nextLineNo;
    if (lineNo >= this.nextLineNo) this.nextLineNo = lineNo + 1;
    let sku = this.skuIndex.get(record.sku);
    if (sku === undefined) {
      sku = this.skus.length;
      this.skuIndex.set(record.sku, sku);
      const reference: SkuReference = { sku: record.sku, unitPrice: record.unitPrice };
      if (record.productName !== undefined) reference.name = record.productName;
      this.skus.push(reference);
    }
    this.append(line, this.orderOf(orderId, record), lineNo, sku, record.quantity, record.unitPrice, record.amount);
  }

  seal(): void {
    if (this.counters && this.numberedOrder !== undefined) this.counters.set(this.numberedOrder, this.nextLineNo);
    this.numberedOrder = undefined;
  }

  lineAt(index: number): number {
    return this.line[index]!;
  }

  slice(start: number, end: number): OrderLineBatch {
    const part = new OrderLineBatch(undefined);
    for (let i = start; i < end; i++) {
      const record = this.orders[this.order[i]!]!;
      const sku = this.skus[this.sku[i]!]!;
      let partSku = part.skuIndex.get(sku.sku);
      if (partSku === undefined) {
        partSku = part.skus.length;
        part.skuIndex.set(sku.sku, partSku);
        part.skus.push(sku);
      }
      part.append(
        this.line[i]!,
        part.orderOf(record.orderId, record),
        this.lineNo[i]!,
        partSku,
        this.quantity[i]!,
        this.unitPrice[i]!,
        this.amount[i]!,
      );
    }
    return part;
  }

  /** Rows to store, in order: all of them, or the last row of each line stated more than once. */
  rowsToStore(): Int32Array {
    if (!this.hasRepeatedLines) {
      const all = new Int32Array(this.size);
      for (let i = 0; i < this.size; i++) all[i] = i;
      return all;
    }
    // In the position of each line's first row, as the rows an upsert may touch once per statement.
    const lastRowOfLine = new Map<number, number>();
    for (let i = 0; i < this.size; i++) lastRowOfLine.set(this.order[i]! * 1_000_000 + this.lineNo[i]!, i);
    return Int32Array.from(lastRowOfLine.values());
  }

  private orderOf(orderId: string, record: OrderLineRow): number {
    if (orderId === this.lastOrderId) return this.lastOrder;
    let index = this.orderIndex.get(orderId);
    if (index === undefined) {
      index = this.orders.length;
      this.orderIndex.set(orderId, index);
      this.orders.push(record);
      this.highestLineNo = grown(this.highestLineNo, index + 1);
      this.highestLineNo[index] = 0;
    }
    this.lastOrderId = orderId;
    this.lastOrder = index;
    return index;
  }

  private append(
    line: number,
    order: number,
    lineNo: number,
    sku: number,
    quantity: number,
    unitPrice: number,
    amount: number,
  ): void {
    const i = this.size++;
    if (i === this.line.length) {
      this.line = grown(this.line, i + 1);
      this.order = grown(this.order, i + 1);
      this.lineNo = grown(this.lineNo, i + 1);
      this.sku = grown(this.sku, i + 1);
      this.quantity = grown(this.quantity, i + 1);
      this.unitPrice = grown(this.unitPrice, i + 1);
      this.amount = grown(this.amount, i + 1);
    }
    this.line[i] = line;
    this.order[i] = order;
    this.lineNo[i] = lineNo;
    this.sku[i] = sku;
    this.quantity[i] = quantity;
    this.unitPrice[i] = unitPrice;
    this.amount[i] = amount;
    if (lineNo <= this.highestLineNo[order]!) this.hasRepeatedLines = true;
    else this.highestLineNo[order] = lineNo;
  }
}
