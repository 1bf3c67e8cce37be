import { PRODUCTS } from '../catalogue';
import { customerProfile } from '../customer-profile';
import type { DemoContext } from '../demo-context';
import type { DemoTable } from '../demo-table';
import { memberNumber } from '../identities';
import { itemAt } from '../lists';
import { COUPON_CODES, fillPurchaseHistory, OrderChannel, PurchaseHistory } from '../purchase-history';
import { Random, Stream } from '../random';
import { ecCustomerId, ecOrderId, posCustomerId, posOrderId } from '../source-ids';
import { STORES } from '../stores';

// prettier-ignore
export const EC_ORDER_HEADER = [
  'order_id', 'customer_id', 'ordered_at', 'channel', 'line_no', 'sku', 'quantity', 'unit_price', 'amount',
  'coupon_code',
] as const;
// prettier-ignore
export const POS_ORDER_HEADER = [
  'order_id', 'customer_id', 'member_no', 'ordered_at', 'channel', 'store_id', 'line_no', 'sku', 'quantity',
  'unit_price', 'amount', 'coupon_code',
] as const;

/** Strings the hot loop would otherwise format ten million times. */
const SMALL_NUMBERS: readonly string[] = Array.from({ length: 256 }, (_, n) => String(n));
const PRICE_LABELS: readonly string[] = PRODUCTS.map((product) => String(product.price));
/** Undiscounted line totals for quantities 0-3, per product. */
const GROSS_LABELS: readonly (readonly string[])[] = PRODUCTS.map((product) =>
  [0, 1, 2, 3].map((quantity) => String(quantity * product.price)),
);

function amountLabel(product: number, quantity: number, amount: number): string {
  const gross = itemAt(PRODUCTS, product).price * quantity;
  return gross === amount ? (GROSS_LABELS[product]?.[quantity] ?? String(amount)) : String(amount);
}

/** One row per order line; the order header repeats on each line (docs/import-formats.md). */
export function ecOrdersTable(context: DemoContext): DemoTable {
  return {
    kind: 'orders',
    source: 'ec',
    header: EC_ORDER_HEADER,
    *rows() {
      const history = new PurchaseHistory();
      const calendar = context.calendar;
      for (let index = 0; index < context.customers; index++) {
        const profile = customerProfile(context, index);
        if (profile.ec === undefined || profile.firstOrder === undefined) continue;
        fillPurchaseHistory(history, context, profile);
        const customerId = ecCustomerId(index);
        for (let order = 0; order < history.orderCount; order++) {
          if (history.channel[order] !== OrderChannel.ec) continue;
          const orderId = ecOrderId(index, history.sequence[order] ?? 0);
          const orderedAt = calendar.dateTime(history.day[order] ?? 0, history.second[order] ?? 0);
          const coupon = itemAt(COUPON_CODES, history.coupon[order] ?? 0);
          const first = history.firstLine[order] ?? 0;
          const count = history.lines[order] ?? 0;
          for (let line = 0; line < count; line++) {
            const product = history.product[first + line] ?? 0;
            const quantity = history.quantity[first + line] ?? 1;
            yield [
              orderId,
              customerId,
              orderedAt,
              'ec',
              itemAt(SMALL_NUMBERS, line + 1),
              itemAt(PRODUCTS, product).sku,
              itemAt(SMALL_NUMBERS, quantity),
              itemAt(PRICE_LABELS, product),
              amountLabel(product, quantity, history.amount[first + line] ?? 0),
              coupon,
            ];
          }
        }
      }
    },
  };
}

/**
 * Store receipts. A register that only scanned the card exports the member number and no member
 * record id, so some orders name their customer by member_no alone.
 */
export function posOrdersTable(context: DemoContext): DemoTable {
  return {
    kind: 'orders',
    source: 'pos',
    header: POS_ORDER_HEADER,
    *rows() {
      const history = new PurchaseHistory();
      const calendar = context.calendar;
      for (let index = 0; index < context.customers; index++) {
        const profile = customerProfile(context, index);
        if (profile.pos === undefined || profile.firstOrder === undefined) continue;
        fillPurchaseHistory(history, context, profile);
        const random = new Random(context.seed, index, Stream.orderReference);
        const customerId = posCustomerId(index);
        const memberNo = memberNumber(context.seed, index);
        for (let order = 0; order < history.orderCount; order++) {
          if (history.channel[order] !== OrderChannel.store) continue;
          const roll = random.float();
          const orderCustomerId = roll < 0.9 ? customerId : '';
          const orderMemberNo = roll >= 0.65 ? memberNo : '';
          const orderId = posOrderId(index, history.sequence[order] ?? 0);
          const orderedAt = calendar.dateTime(history.day[order] ?? 0, history.second[order] ?? 0);
          const storeId = itemAt(STORES, history.store[order] ?? 0).id;
          const coupon = itemAt(COUPON_CODES, history.coupon[order] ?? 0);
          const first = history.firstLine[order] ?? 0;
          const count = history.lines[order] ?? 0;
          for (let line = 0; line < count; line++) {
            const product = history.product[first + line] ?? 0;
            const quantity = history.quantity[first + line] ?? 1;
            yield [
              orderId,
              orderCustomerId,
              orderMemberNo,
              orderedAt,
              'store',
              storeId,
              itemAt(SMALL_NUMBERS, line + 1),
              itemAt(PRODUCTS, product).sku,
              itemAt(SMALL_NUMBERS, quantity),
              itemAt(PRICE_LABELS, product),
              amountLabel(product, quantity, history.amount[first + line] ?? 0),
              coupon,
            ];
          }
        }
      }
    },
  };
}
