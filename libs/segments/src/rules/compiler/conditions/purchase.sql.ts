import { PURCHASE_MEASURES } from '../../catalogue/measures';
import type { PurchaseCondition } from '../../schema/activity-conditions.schema';
import { fieldComparisonSql } from '../field-comparison-sql';
import { ORDER_PURCHASE_OPERANDS, PURCHASE_OPERANDS, type Operand } from '../operands';
import { productFilterSql } from '../product-filter-sql';
import { requireField } from '../require-field';
import type { RuleSqlContext } from '../rule-sql-context';
import { timeWindowSql } from '../time-window-sql';
import { purchaseLinesSql } from './purchase-lines.sql';
import { purchasedProductsSql } from './purchased-products.sql';

interface PurchaseSource {
  from: string;
  where: string[];
  operands: Readonly<Record<string, Operand>>;
}

/** Whether the condition needs order lines: product filters, a trial-set line, quantities, or amounts of some lines. */
function needsLines(condition: PurchaseCondition): boolean {
  const filter = condition.filter ?? {};
  const productFilter = filter.products ?? filter.series ?? filter.categories ?? filter.tags;
  if (productFilter !== undefined || filter.trial === true) return true;
  return condition.measure === 'quantity' || (condition.measure === 'amount' && filter.trial !== undefined);
}

/**
 * Where the measure is taken: the customer's orders alone when nothing needs their lines (an order
 * with a full-size product is exactly one that was not trial sets only), else the lines `l` of the
 * orders `o`, joining the product only when a filter needs it.
 */
function purchaseSource(condition: PurchaseCondition, ctx: RuleSqlContext): PurchaseSource {
  const filter = condition.filter ?? {};
  if (!needsLines(condition)) {
    const where: string[] = [];
    if (filter.trial === false) where.push('NOT o.trial_only');
    if (filter.channel) where.push(`o.channel = ${ctx.bind(filter.channel, 'sales_channel')}`);
    return { from: 'customer_order o', where, operands: ORDER_PURCHASE_OPERANDS };
  }
  const where = productFilterSql(filter, ctx);
  const product = where.length > 0 ? ' JOIN product p ON p.id = l.product_id' : '';
  if (filter.channel) where.push(`o.channel = ${ctx.bind(filter.channel, 'sales_channel')}`);
  return {
    from: `customer_order o JOIN order_line l ON l.order_id = o.id${product}`,
    where,
    operands: PURCHASE_OPERANDS,
  };
}

/**
 * A measure over the customer's orders or order lines. Lines are reached through the customer's
 * orders: order_line has no index but its primary key (docs/adr/0003), so a per-customer lookup
 * there scans the whole table, while customer_order's (workspace_id, customer_id, ...) index and
 * order_line's (order_id, line_no) key make it two index scans (measured: 100,000 customers in
 * 0.4 s instead of 9 s for 300). The comparison is a HAVING over the aggregate: an aggregate
 * without GROUP BY yields one row even for no orders, so "count = 0" and "amount < 1000" hold for
 * customers who bought nothing, and the whole stays one EXISTS.
 *
 * "Bought" / "never bought" with a product filter read the customer's set of products ever bought
 * (purchased-products.sql.ts) when they have no time window, and over a whole workspace the lines
 * alone when they have one (purchase-lines.sql.ts). Aggregates stay per customer: a HAVING cannot
 * become a join, and per customer only the orders have an index; so does a channel, which only
 * orders carry.
 */
export function purchaseSql(condition: PurchaseCondition, ctx: RuleSqlContext): string {
  const existence = countExistence(condition);
  if (existence && needsLines(condition) && condition.filter?.channel === undefined) {
    if (condition.window === undefined) return purchasedProductsSql(condition, existence, ctx);
    if (ctx.scope === 'workspace') return purchaseLinesSql(condition, existence, ctx);
  }
  const window = timeWindowSql('o.ordered_at', condition.window, ctx);
  const source = purchaseSource(condition, ctx);
  const where = [`o.workspace_id = ${ctx.workspace}`, 'o.customer_id = c.id', ...window, ...source.where];
  const matching = `SELECT 1 FROM ${source.from} WHERE ${where.join(' AND ')}`;
  if (existence === 'some') return `EXISTS (${matching})`;
  if (existence === 'none') return `NOT EXISTS (${matching})`;
  const { field, operand } = requireField(PURCHASE_MEASURES, source.operands, condition.measure);
  return `EXISTS (${matching} HAVING ${fieldComparisonSql(field, operand, condition, ctx)})`;
}

/**
 * "Bought at least once" and "never bought" are the commonest purchase conditions. Written as a
 * plain (NOT) EXISTS, PostgreSQL plans them as one semi- or anti-join over the matching orders
 * instead of an aggregate per customer.
 */
function countExistence({ measure, operator, value }: PurchaseCondition): 'some' | 'none' | undefined {
  if (measure !== 'count' || typeof value !== 'number') return undefined;
  if ((operator === 'gte' && value === 1) || (operator === 'gt' && value === 0)) return 'some';
  if ((operator === 'eq' && value === 0) || (operator === 'lt' && value === 1) || (operator === 'lte' && value === 0))
    return 'none';
  return undefined;
}
