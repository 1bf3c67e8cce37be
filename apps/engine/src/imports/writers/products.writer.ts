import type { ProductRow } from '@kizuna/ingest';
import { Injectable } from '@nestjs/common';
import {
  lastPerKey,
  type ImportWriteContext,
  type ImportWriter,
  type ParsedRow,
  type WriteRejection,
} from './import-writer';

/** Tag lists travel as one text per row (unnest cannot carry arrays of arrays), split in SQL. */
const TAG_SEPARATOR = '\u001f';

@Injectable()
export class ProductsWriter implements ImportWriter<'products'> {
  readonly kind = 'products';

  /**
   * Upsert by SKU. An empty cell keeps the stored value; a stub product created from order lines
   * becomes a real one; unchanged products are not rewritten (re-imports change nothing).
   */
  async write(context: ImportWriteContext, rows: readonly ParsedRow<ProductRow>[]): Promise<WriteRejection[]> {
    const products = lastPerKey(rows, (row) => row.record.sku).map((row) => row.record);
    const params = [
      context.workspaceId,
      products.map((p) => p.sku),
      products.map((p) => p.name),
      products.map((p) => p.series ?? null),
      products.map((p) => p.category ?? null),
      products.map((p) => p.price ?? null),
      products.map((p) => (p.tags ? p.tags.join(TAG_SEPARATOR) : null)),
      products.map((p) => p.isTrial ?? null),
    ];
    const incoming = `unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[], $8::boolean[])
                      AS t(sku, name, series, category, price, tags, is_trial)`;
    // Products whose trial flag changes: the orders holding them get their trial flag again below.
    const { rows: flipped } = await context.tx.query<{ id: number }>(
      `SELECT p.id FROM product p JOIN ${incoming} ON p.sku = t.sku
        WHERE p.workspace_id = $1 AND t.is_trial IS NOT NULL AND t.is_trial IS DISTINCT FROM p.is_trial`,
      params,
    );
    await context.tx.query(
      `UPDATE product p SET
              name = t.name,
              series = COALESCE(t.series, p.series),
              category = COALESCE(t.category, p.category),
              price = COALESCE(t.price, p.price),
              tags = COALESCE(string_to_array(t.tags, chr(31)), p.tags),
              is_trial = COALESCE(t.is_trial, p.is_trial),
              is_stub = false,
              updated_at = now()
         FROM ${incoming}
        WHERE p.workspace_id = $1 AND p.sku = t.sku
          AND (p.name, p.series, p.category, p.price, p.tags, p.is_trial, p.is_stub) IS DISTINCT FROM
              (t.name, COALESCE(t.series, p.series), COALESCE(t.category, p.category), COALESCE(t.price, p.price),
               COALESCE(string_to_array(t.tags, chr(31)), p.tags), COALESCE(t.is_trial, p.is_trial), false)`,
      params,
    );
    await context.tx.query(
      `INSERT INTO product (workspace_id, sku, name, series, category, price, tags, is_trial)
       SELECT $1, t.sku, t.name, t.series, t.category, t.price,
              COALESCE(string_to_array(t.tags, chr(31)), '{}'), COALESCE(t.is_trial, false)
         FROM ${incoming}
       ON CONFLICT (workspace_id, sku) DO NOTHING`,
      params,
    );
    if (flipped.length) {
      await context.tx.query(
        `UPDATE customer_order o SET trial_only = s.trial_only
           FROM (SELECT l.order_id, bool_and(p.is_trial) AS trial_only
                   FROM order_line l JOIN product p ON p.id = l.product_id
                  WHERE l.order_id IN (SELECT order_id FROM order_line WHERE workspace_id = $1 AND product_id = ANY($2::int[]))
                  GROUP BY l.order_id) s
          WHERE o.id = s.order_id AND o.trial_only IS DISTINCT FROM s.trial_only`,
        [context.workspaceId, flipped.map((row) => row.id)],
      );
    }
    return [];
  }
}
