import type { ImportWriteContext } from './import-writer';
import { runCache } from './import-writer';

export interface SkuReference {
  sku: string;
  /** Name and price for a stub product, when the SKU is not in the product master yet. */
  name?: string;
  unitPrice?: number;
}

export interface KnownProduct {
  id: number;
  isTrial: boolean;
}

/**
 * Products for the SKUs of a batch. A SKU missing from the product master gets a stub product
 * (is_stub) so the order line is kept; a later products import completes it. Cached for the run:
 * a 1M-line file mentions a few hundred SKUs.
 */
export async function productsFor(
  context: ImportWriteContext,
  references: readonly SkuReference[],
): Promise<Map<string, KnownProduct>> {
  const cache = runCache<KnownProduct>(context, 'productBySku');
  const missing = new Map<string, SkuReference>();
  for (const reference of references)
    if (!cache.has(reference.sku) && !missing.has(reference.sku)) missing.set(reference.sku, reference);
  if (missing.size) {
    const stubs = [...missing.values()];
    await context.tx.query(
      `INSERT INTO product (workspace_id, sku, name, price, is_stub)
       SELECT $1, t.sku, COALESCE(t.name, t.sku), t.price, true
         FROM unnest($2::text[], $3::text[], $4::int[]) AS t(sku, name, price)
       ON CONFLICT (workspace_id, sku) DO NOTHING`,
      [
        context.workspaceId,
        stubs.map((s) => s.sku),
        stubs.map((s) => s.name ?? null),
        stubs.map((s) => s.unitPrice ?? null),
      ],
    );
    const { rows } = await context.tx.query<{ id: number; sku: string; is_trial: boolean }>(
      'SELECT id, sku, is_trial FROM product WHERE workspace_id = $1 AND sku = ANY($2::text[])',
      [context.workspaceId, stubs.map((s) => s.sku)],
    );
    for (const row of rows) cache.set(row.sku, { id: row.id, isTrial: row.is_trial });
  }
  return cache;
}
