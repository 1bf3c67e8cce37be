import { PRODUCTS, SERIES } from '../catalogue';
import type { DemoTable } from '../demo-table';
import { itemAt } from '../lists';

export const PRODUCT_HEADER = ['sku', 'name', 'series', 'category', 'price', 'tags', 'is_trial'] as const;

export function productsTable(): DemoTable {
  return {
    kind: 'products',
    source: 'master',
    header: PRODUCT_HEADER,
    *rows() {
      for (const product of PRODUCTS) {
        yield [
          product.sku,
          product.name,
          itemAt(SERIES, product.seriesIndex).name,
          product.category,
          String(product.price),
          product.tags.join('|'),
          product.isTrial ? 'true' : 'false',
        ];
      }
    },
  };
}
