import { Injectable } from '@nestjs/common';
import { CopyText } from './copy-text';
import { CustomerReferenceResolver } from './customer-reference-resolver';
import type { BatchImportWriter, ImportWriteContext, WriteRejection } from './import-writer';
import { storeOrderHeaders, type OrderHeader } from './order-headers';
import { LineCounters, OrderLineBatch } from './order-line-batch';
import { copyNewLines, realignLines, summariseOrders, upsertLines, type ResolvedLine } from './order-lines';
import { productsFor } from './product-ids';

/**
 * Orders files: one row per order line, the header repeated. Per batch: resolve customers, store
 * headers, store lines. Batches are columns (OrderLineBatch), and the loops over lines work on
 * them without per-line objects: they run a million times for a million-line file.
 */
@Injectable()
export class OrdersWriter implements BatchImportWriter<'orders', OrderLineBatch> {
  readonly kind = 'orders';

  constructor(private readonly customers: CustomerReferenceResolver) {}

  createBatch(fileState: Map<string, unknown>): OrderLineBatch {
    let counters = fileState.get('lineCounters') as LineCounters | undefined;
    if (!counters) fileState.set('lineCounters', (counters = new LineCounters()));
    return new OrderLineBatch(counters);
  }

  async write(context: ImportWriteContext, batch: OrderLineBatch): Promise<WriteRejection[]> {
    const { orders } = batch;
    // Resolving customers takes the workspace identity lock for the rest of the transaction, which
    // also serialises order writes of the workspace: orders found missing stay missing until this
    // transaction commits, so they and their lines can be bulk-loaded without conflict handling.
    const customerIds = await this.customers.resolve(
      context,
      orders.map((record) => record.reference),
    );
    const products = await productsFor(context, batch.skus);
    const productIdOfSku = new Int32Array(batch.skus.length);
    const trialOfSku = new Uint8Array(batch.skus.length);
    batch.skus.forEach(({ sku }, index) => {
      const product = products.get(sku)!;
      productIdOfSku[index] = product.id;
      trialOfSku[index] = product.isTrial ? 1 : 0;
    });

    // An order's total and trial flag, from its lines in this batch: complete for orders new here.
    const rows = batch.rowsToStore();
    const amountOfOrder = new Float64Array(orders.length);
    const trialOnlyOfOrder = new Uint8Array(orders.length).fill(1);
    for (const row of rows) {
      const order = batch.order[row]!;
      amountOfOrder[order]! += batch.amount[row]!;
      trialOnlyOfOrder[order]! &= trialOfSku[batch.sku[row]!]!;
    }
    const headers = orders.map((record, index): OrderHeader => ({
      record,
      customerId: customerIds[index]!,
      orderedAtText: record.orderedAt.toISOString(),
      amount: amountOfOrder[index]!,
      trialOnly: trialOnlyOfOrder[index] === 1,
    }));
    const { orderIds, newOrderIds, changedOrderIds } = await storeOrderHeaders(context, headers);

    const idOfOrder = new Int32Array(orders.length);
    const orderIsNew = new Uint8Array(orders.length);
    // Per order, the COPY text its lines share: "workspace, order id" and "customer id, time".
    const orderText: string[] = [];
    headers.forEach(({ record, customerId, orderedAtText }, index) => {
      const id = orderIds.get(record.orderId)!;
      idOfOrder[index] = id;
      orderIsNew[index] = newOrderIds.has(id) ? 1 : 0;
      orderText.push(`${context.workspaceId}\t${id}\t`, `\t${customerId}\t${orderedAtText}\t`);
    });
    const copy = new CopyText();
    const otherLines: ResolvedLine[] = [];
    for (const row of rows) {
      const order = batch.order[row]!;
      if (orderIsNew[order] === 1) {
        copy
          .ascii(orderText[order * 2]!)
          .int(batch.lineNo[row]!)
          .ascii(orderText[order * 2 + 1]!)
          .int(productIdOfSku[batch.sku[row]!]!)
          .tab()
          .int(batch.quantity[row]!)
          .tab()
          .int(batch.unitPrice[row]!)
          .tab()
          .int(batch.amount[row]!)
          .endRow();
        continue;
      }
      otherLines.push({
        orderId: idOfOrder[order]!,
        lineNo: batch.lineNo[row]!,
        customerId: headers[order]!.customerId,
        orderedAt: headers[order]!.record.orderedAt,
        productId: productIdOfSku[batch.sku[row]!]!,
        quantity: batch.quantity[row]!,
        unitPrice: batch.unitPrice[row]!,
        amount: batch.amount[row]!,
      });
    }
    await copyNewLines(context, copy);
    await upsertLines(context, otherLines);
    await realignLines(context, changedOrderIds);
    // Orders that existed before may have gained or changed lines: their totals come from all their lines.
    await summariseOrders(context, [...new Set(otherLines.map((line) => line.orderId))]);
    return [];
  }
}
