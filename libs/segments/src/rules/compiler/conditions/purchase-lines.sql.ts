import type { PurchaseCondition } from '../../schema/activity-conditions.schema';
import { productIdsSql } from '../product-filter-sql';
import type { RuleSqlContext } from '../rule-sql-context';
import { timeWindowSql } from '../time-window-sql';

/**
 * "Bought at least once" / "never bought" with a product filter within a time window (without one,
 * purchased-products.sql.ts answers from a per-customer set), for every customer of a workspace,
 * from the order lines alone: they carry their order's customer and time (docs/adr/0003), so one
 * parallel scan of the lines, hashed by customer, answers for everyone.
 *
 * Through the orders (purchase.sql.ts), PostgreSQL estimates a customer's orders from sampled
 * statistics (251,000 distinct customers of 868,000 on the 1M-customer demo: 15 orders each
 * instead of 4.4), finds per-customer lookups too dear and hashes every order against every line
 * instead, the slowest plan of all. The products are a list of ids computed once, so the scan
 * compares an integer per line instead of probing a join. "Never bought" anti-joins against the
 * distinct buyers: PostgreSQL 15 hashes the inner side of an anti-join as it comes (2.5 million
 * lines of one series rather than their 445,000 customers), while a semi-join may de-duplicate it
 * by itself. Measured in docs/benchmarks.md (segments).
 */
export function purchaseLinesSql(
  condition: PurchaseCondition,
  existence: 'some' | 'none',
  ctx: RuleSqlContext,
): string {
  const window = timeWindowSql('l.ordered_at', condition.window, ctx);
  const lines = [
    `l.workspace_id = ${ctx.workspace}`,
    ...window,
    `l.product_id = ANY(${productIdsSql(condition.filter ?? {}, ctx)})`,
  ];
  if (existence === 'some') {
    const [workspace, ...rest] = lines;
    return `EXISTS (SELECT 1 FROM order_line l WHERE ${[workspace, 'l.customer_id = c.id', ...rest].join(' AND ')})`;
  }
  const buyers = `SELECT DISTINCT l.customer_id FROM order_line l WHERE ${lines.join(' AND ')}`;
  return `NOT EXISTS (SELECT 1 FROM (${buyers}) bought WHERE bought.customer_id = c.id)`;
}
