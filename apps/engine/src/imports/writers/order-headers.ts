import type { OrderLineRow } from '@kizuna/ingest';
import { copyRows } from '../../infrastructure/database/copy-rows';
import type { ImportWriteContext } from './import-writer';

/** An order as its first line in the batch states it, with its resolved customer. */
export interface OrderHeader {
  record: OrderLineRow;
  customerId: number;
  /** Sum and trial flag of the order's lines in this batch (all its lines, for a new order). */
  amount: number;
  trialOnly: boolean;
}

export interface StoredOrders {
  /** external id -> order id, for every order of the batch. */
  orderIds: Map<string, number>;
  /** Orders created by this transaction: their lines cannot exist yet. */
  newOrderIds: Set<number>;
  /** Stored orders whose header changed: their earlier lines follow. */
  changedOrderIds: number[];
}

interface StoredHeader {
  id: number;
  external_id: string;
  customer_id: number;
  channel: string;
  store_id: string | null;
  ordered_at: Date;
  coupon_code: string | null;
}

function headerChanged(stored: StoredHeader, { record, customerId }: OrderHeader): boolean {
  return (
    stored.customer_id !== customerId ||
    stored.channel !== record.channel ||
    stored.store_id !== (record.storeId ?? null) ||
    stored.ordered_at.getTime() !== record.orderedAt.getTime() ||
    stored.coupon_code !== (record.couponCode ?? null)
  );
}

/**
 * A temporary table per connection, emptied at each commit, to bulk-load order headers into.
 * Checked every batch (one cheap statement): a batch that rolls back also rolls back the table's
 * creation, so remembering "created" per connection would be wrong after a rejected batch.
 */
async function ensureOrderStage(tx: ImportWriteContext['tx']): Promise<void> {
  await tx.query(
    `CREATE TEMP TABLE IF NOT EXISTS import_order_stage (
       customer_id int, external_id text, channel sales_channel, store_id text, ordered_at timestamptz, coupon_code text,
       amount int, trial_only boolean
     ) ON COMMIT DELETE ROWS`,
  );
}

/**
 * Inserts new order headers and updates changed ones. Headers go through a temporary table by COPY,
 * then one INSERT ... ON CONFLICT DO NOTHING RETURNING: a new order costs one unique-index descent,
 * and only the orders that already existed are looked up and compared.
 */
export async function storeOrderHeaders(
  context: ImportWriteContext,
  headers: readonly OrderHeader[],
): Promise<StoredOrders> {
  const { tx, workspaceId, source } = context;
  await ensureOrderStage(tx);
  await copyRows(
    tx,
    'import_order_stage',
    ['customer_id', 'external_id', 'channel', 'store_id', 'ordered_at', 'coupon_code', 'amount', 'trial_only'],
    headers.map(({ record, customerId, amount, trialOnly }) => [
      customerId,
      record.orderId,
      record.channel,
      record.storeId,
      record.orderedAt,
      record.couponCode,
      amount,
      trialOnly,
    ]),
  );
  const { rows: inserted } = await tx.query<{ id: number; external_id: string }>(
    `INSERT INTO customer_order (workspace_id, source, customer_id, external_id, channel, store_id, ordered_at, coupon_code, amount, trial_only)
     SELECT $1, $2, s.customer_id, s.external_id, s.channel, s.store_id, s.ordered_at, s.coupon_code, s.amount, s.trial_only
       FROM import_order_stage s
     ON CONFLICT (workspace_id, source, external_id) DO NOTHING
     RETURNING id, external_id`,
    [workspaceId, source],
  );
  const orderIds = new Map(inserted.map((row) => [row.external_id, row.id]));
  const newOrderIds = new Set(orderIds.values());
  const existing = headers.filter((h) => !orderIds.has(h.record.orderId));
  const changedOrderIds: number[] = [];
  if (!existing.length) return { orderIds, newOrderIds, changedOrderIds };

  const { rows: stored } = await tx.query<StoredHeader>(
    `SELECT id, external_id, customer_id, channel::text AS channel, store_id, ordered_at, coupon_code
       FROM customer_order WHERE workspace_id = $1 AND source = $2 AND external_id = ANY($3::text[])`,
    [workspaceId, source, existing.map((h) => h.record.orderId)],
  );
  const storedByExternal = new Map(stored.map((row) => [row.external_id, row]));
  for (const row of stored) orderIds.set(row.external_id, row.id);
  const changed = existing.filter((h) => {
    const row = storedByExternal.get(h.record.orderId);
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
        changed.map((h) => orderIds.get(h.record.orderId)!),
        changed.map((h) => h.customerId),
        changed.map((h) => h.record.channel),
        changed.map((h) => h.record.storeId ?? null),
        changed.map((h) => h.record.orderedAt),
        changed.map((h) => h.record.couponCode ?? null),
      ],
    );
    changedOrderIds.push(...changed.map((h) => orderIds.get(h.record.orderId)!));
  }
  return { orderIds, newOrderIds, changedOrderIds };
}
