import { abcClasses, type AbcClass } from '@kizuna/segments';
import type { AnalysisContext } from '../sql/analysis-context';
import { share } from './share';

export interface AbcProduct {
  productId: number;
  sku: string;
  name: string;
  series: string | null;
  sales: number;
  quantity: number;
  salesShare: number;
  cumulativeShare: number;
  abcClass: AbcClass;
}

export interface AbcResult {
  windowDays: number;
  thresholds: { a: number; b: number };
  categories: { category: string; sales: number; products: AbcProduct[]; counts: Record<AbcClass, number> }[];
}

/** ABC analysis of products within each category by sales over the window. */
export async function abcResult({ tx, workspaceId, referenceAt, settings }: AnalysisContext): Promise<AbcResult> {
  const { a, b, windowDays } = settings.abc;
  const { rows } = await tx.query<{
    category: string;
    product_id: number;
    sku: string;
    name: string;
    series: string | null;
    sales: number;
    quantity: number;
  }>(
    `SELECT COALESCE(p.category, '(none)') AS category, p.id AS product_id, p.sku, p.name, p.series,
            COALESCE(sum(l.amount), 0)::bigint AS sales, COALESCE(sum(l.quantity), 0)::bigint AS quantity
       FROM product p
       LEFT JOIN order_line l ON l.product_id = p.id AND l.workspace_id = $1
                              AND l.ordered_at >= $2::timestamptz - $3::interval AND l.ordered_at < $2
      WHERE p.workspace_id = $1
      GROUP BY 1, 2, 3, 4, 5
      ORDER BY 1, sales DESC, p.sku`,
    [workspaceId, referenceAt, `${windowDays} days`],
  );
  const byCategory = new Map<string, typeof rows>();
  for (const row of rows) byCategory.set(row.category, [...(byCategory.get(row.category) ?? []), row]);
  return {
    windowDays,
    thresholds: { a, b },
    categories: [...byCategory].map(([category, products]) => {
      const sales = products.reduce((sum, p) => sum + p.sales, 0);
      const classes = abcClasses(
        products.map((p) => p.sales),
        { a, b },
      );
      let cumulative = 0;
      const items = products.map((p, index) => {
        cumulative += p.sales;
        return {
          productId: p.product_id,
          sku: p.sku,
          name: p.name,
          series: p.series,
          sales: p.sales,
          quantity: p.quantity,
          salesShare: share(p.sales, sales),
          cumulativeShare: share(cumulative, sales),
          abcClass: classes[index]!,
        };
      });
      const counts = { A: 0, B: 0, C: 0 };
      for (const item of items) counts[item.abcClass]++;
      return { category, sales, products: items, counts };
    }),
  };
}
