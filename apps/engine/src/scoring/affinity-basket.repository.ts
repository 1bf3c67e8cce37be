import type { Pool } from '@kizuna/db';
import type { BasketItems } from '@kizuna/scoring';
import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '../infrastructure/database/database.tokens';
import { withTransaction } from '../infrastructure/database/transaction';
import { copyNumericRows } from './sql/copy-numeric-rows';

/** Distinct (customer, item) pairs in customer order, and the items' names. */
export interface CustomerItems {
  /** Distinct (customer, item key) pairs in customer order. */
  input: BasketItems;
  names: Map<number, string>;
}

/** Item keys: series numbered by name, products by id; trial sets left out. */
const ITEMS_SQL = {
  series: `SELECT p.id, dense_rank() OVER (ORDER BY p.series)::int AS item, p.series AS name
             FROM product p WHERE p.workspace_id = $1 AND NOT p.is_trial AND p.series IS NOT NULL`,
  product: `SELECT p.id, p.id AS item, p.sku AS name FROM product p WHERE p.workspace_id = $1 AND NOT p.is_trial`,
};

/** What each customer bought, per series or product, for co-purchase affinity. */
@Injectable()
export class AffinityBasketRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /** Read through COPY into typed arrays: a million customers' pairs as objects would be millions of them. */
  customerItems(workspaceId: number, at: Date, level: 'series' | 'product'): Promise<CustomerItems> {
    return withTransaction(this.pool, async (tx) => {
      const rows = await copyNumericRows(
        tx,
        `SELECT DISTINCT l.customer_id, k.item
           FROM order_line l JOIN (${ITEMS_SQL[level]}) k ON k.id = l.product_id
          WHERE l.workspace_id = $1 AND l.ordered_at < $2 AND l.amount > 0
          ORDER BY l.customer_id, k.item`,
        [workspaceId, at],
        2,
      );
      const baskets = new Int32Array(rows.count);
      const items = new Int32Array(rows.count);
      for (let i = 0; i < rows.count; i++) {
        baskets[i] = rows.values[2 * i]!;
        items[i] = rows.values[2 * i + 1]!;
      }
      const { rows: names } = await tx.query<{ item: number; name: string }>(
        `SELECT DISTINCT item, name FROM (${ITEMS_SQL[level]}) k`,
        [workspaceId],
      );
      return { input: { baskets, items }, names: new Map(names.map((row) => [row.item, row.name])) };
    });
  }
}
