import type { PurchaseCondition } from '../../schema/activity-conditions.schema';
import { productIdsSql } from '../product-filter-sql';
import type { RuleSqlContext } from '../rule-sql-context';

/**
 * "Bought at least once" / "never bought" with a product filter and no time window: the set of
 * products the customer ever bought (customer_purchased_products, one short row per customer kept
 * by triggers on order_line) overlaps the filter's products, a list of ids computed once.
 *
 * Over a whole workspace the lines would be scanned (9.8 M on the 1M-customer demo) and their
 * buyers de-duplicated in one process before the anti-join; here the join reads 868,000 rows of a
 * few ids each, hashed in parallel. For given customers it is one primary-key lookup each instead
 * of their orders and lines. Measured in docs/benchmarks.md (segments).
 */
export function purchasedProductsSql(
  condition: PurchaseCondition,
  existence: 'some' | 'none',
  ctx: RuleSqlContext,
): string {
  const bought =
    `SELECT 1 FROM customer_purchased_products pp WHERE pp.workspace_id = ${ctx.workspace} AND pp.customer_id = c.id` +
    ` AND pp.product_ids && ${productIdsSql(condition.filter ?? {}, ctx)}`;
  return existence === 'some' ? `EXISTS (${bought})` : `NOT EXISTS (${bought})`;
}
