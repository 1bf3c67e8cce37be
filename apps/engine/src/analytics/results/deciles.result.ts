import type { AnalysisContext } from '../sql/analysis-context';
import type { CustomerGroups } from './customer-groups';
import { share } from './share';

export interface DecileResult {
  salesWindowDays: number;
  customers: number;
  sales: number;
  deciles: {
    decile: number;
    customers: number;
    sales: number;
    salesShare: number;
    cumulativeShare: number;
    minSales: number;
    maxSales: number;
  }[];
}

/** Customers with sales in the window, in ten groups by sales (decile 1 = the top 10%). */
export function decileResult({ settings }: AnalysisContext, groups: CustomerGroups): DecileResult {
  const rows = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].flatMap((decile) => {
    const group = groups.get(`decile:${decile}`);
    return group ? [{ decile, ...group }] : [];
  });
  const sales = rows.reduce((sum, row) => sum + row.sales, 0);
  let cumulative = 0;
  return {
    salesWindowDays: settings.rfMatrix.salesWindowDays,
    customers: rows.reduce((sum, row) => sum + row.customers, 0),
    sales,
    deciles: rows.map((row) => {
      cumulative += row.sales;
      return {
        decile: row.decile,
        customers: row.customers,
        sales: row.sales,
        salesShare: share(row.sales, sales),
        cumulativeShare: share(cumulative, sales),
        minSales: row.minSales ?? 0,
        maxSales: row.maxSales ?? 0,
      };
    }),
  };
}
