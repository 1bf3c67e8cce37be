import type { Pool } from '@kizuna/db';
import type { ImportKind } from '@kizuna/ingest';

/** The tables an import of each kind writes (customers are created from orders, events and consents too). */
const TABLES_WRITTEN: Record<ImportKind, readonly string[]> = {
  customers: ['customer', 'customer_identity'],
  products: ['product'],
  // customer_purchased_products: filled from the lines by triggers.
  orders: ['customer_order', 'order_line', 'customer_purchased_products', 'customer', 'customer_identity'],
  shipments: ['shipment'],
  returns: ['order_return'],
  events: ['event', 'customer', 'customer_identity'],
  consents: ['consent', 'customer', 'customer_identity'],
};

/**
 * Analyses the tables imports of these kinds wrote, so that what reads them next (analytics,
 * segment refreshes) is planned on statistics that include them. Autovacuum's analyse comes later:
 * on a freshly seeded 1M-customer demo, never analysed, a segment refresh was planned as a nested
 * loop over every customer and ran for minutes instead of a second.
 */
export async function analyzeImportedTables(pool: Pool, kinds: Iterable<ImportKind>): Promise<void> {
  const tables = new Set<string>();
  for (const kind of kinds) for (const table of TABLES_WRITTEN[kind]) tables.add(table);
  if (tables.size) await pool.query(`ANALYZE ${[...tables].join(', ')}`);
}
