import { normaliseIdentifier } from '../normalise/identifier';
import {
  CUSTOMER_REFERENCE_COLUMNS,
  CUSTOMER_REFERENCE_GROUP,
  readCustomerReference,
  type CustomerReference,
} from '../rows/customer-reference';
import type { ImportKindDefinition } from '../rows/import-kind-definition';
import { choiceParser } from '../values/choices';
import { parseDateTime } from '../values/date-time';
import { parseInteger, parseYen } from '../values/numbers';
import { ok } from '../values/parsed';
import { parseSku } from './products';

export type SalesChannel = 'store' | 'ec';

export interface OrderLineRow {
  orderId: string;
  reference: CustomerReference;
  orderedAt: Date;
  channel: SalesChannel;
  storeId?: string;
  /** Absent: the line's position within its order in the file (assigned by the importer). */
  lineNo?: number;
  sku: string;
  productName?: string;
  quantity: number;
  unitPrice: number;
  amount: number;
  couponCode?: string;
}

export const parseSalesChannel = choiceParser<SalesChannel>({
  store: 'store',
  shop: 'store',
  pos: 'store',
  店舗: 'store',
  実店舗: 'store',
  ec: 'ec',
  online: 'ec',
  web: 'ec',
  通販: 'ec',
  ネット: 'ec',
});

export const parseExternalId = (raw: string) => ok(normaliseIdentifier(raw));

export const ordersDefinition: ImportKindDefinition<OrderLineRow> = {
  kind: 'orders',
  columns: [
    'order_id',
    ...CUSTOMER_REFERENCE_COLUMNS,
    'ordered_at',
    'channel',
    'store_id',
    'line_no',
    'sku',
    'product_name',
    'quantity',
    'unit_price',
    'amount',
    'coupon_code',
  ],
  required: ['order_id', 'ordered_at', 'sku', 'quantity', 'unit_price'],
  oneOf: [CUSTOMER_REFERENCE_GROUP],
  prefixes: [],
  parseRow(reader) {
    const orderId = reader.required('order_id', parseExternalId);
    const reference = readCustomerReference(reader);
    const orderedAt = reader.required('ordered_at', (raw) => parseDateTime(raw, reader.context.timeZone));
    const storeId = reader.optional('store_id', parseExternalId);
    const channel = reader.optional('channel', parseSalesChannel) ?? (storeId ? 'store' : 'ec');
    const lineNo = reader.optional('line_no', (raw) => parseInteger(raw, { min: 1 }));
    const sku = reader.required('sku', parseSku);
    const productName = reader.optionalText('product_name', 200);
    const quantity = reader.required('quantity', (raw) => parseInteger(raw, { min: 1, max: 100_000 }));
    const unitPrice = reader.required('unit_price', (raw) => parseYen(raw));
    const amount = reader.optional('amount', (raw) => parseYen(raw));
    const couponCode = reader.optional('coupon_code', parseExternalId);
    if (reader.issues.length || !orderId || !reference || !orderedAt || !sku || !quantity || unitPrice === undefined) {
      return undefined;
    }
    const row: OrderLineRow = {
      orderId,
      reference,
      orderedAt,
      channel,
      sku,
      quantity,
      unitPrice,
      amount: amount ?? quantity * unitPrice,
    };
    if (storeId) row.storeId = storeId;
    if (lineNo) row.lineNo = lineNo;
    if (productName) row.productName = productName;
    if (couponCode) row.couponCode = couponCode;
    return row;
  },
};
