import type { PurchaseFilter } from '../schema/activity-conditions.schema';
import type { RuleSqlContext } from './rule-sql-context';
import { normaliseSku } from './sku';

/** The product conditions of a purchase filter, over `product p` (placeholders bound in this order). */
export function productFilterSql(filter: PurchaseFilter, ctx: RuleSqlContext): string[] {
  const where: string[] = [];
  if (filter.products) where.push(`p.sku = ANY(${ctx.bind(filter.products.map(normaliseSku), 'text[]')})`);
  if (filter.series) where.push(`p.series = ANY(${ctx.bind(filter.series, 'text[]')})`);
  if (filter.categories) where.push(`p.category = ANY(${ctx.bind(filter.categories, 'text[]')})`);
  if (filter.tags) where.push(`p.tags && ${ctx.bind(filter.tags, 'text[]')}`);
  if (filter.trial !== undefined) where.push(`p.is_trial = ${ctx.bind(filter.trial, 'boolean')}`);
  return where;
}

/** The ids of the workspace's products a purchase filter names, as an array computed once per statement. */
export function productIdsSql(filter: PurchaseFilter, ctx: RuleSqlContext): string {
  const where = [`p.workspace_id = ${ctx.workspace}`, ...productFilterSql(filter, ctx)];
  return `ARRAY(SELECT p.id FROM product p WHERE ${where.join(' AND ')})`;
}
