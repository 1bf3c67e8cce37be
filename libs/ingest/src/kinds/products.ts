import { normaliseIdentifier } from '../normalise/identifier';
import type { ImportKindDefinition } from '../rows/import-kind-definition';
import { parseBoolean } from '../values/choices';
import { parseYen } from '../values/numbers';
import { ok } from '../values/parsed';
import { withoutUndefined } from '../values/without-undefined';

export interface ProductRow {
  sku: string;
  name: string;
  series?: string;
  category?: string;
  price?: number;
  tags?: string[];
  isTrial?: boolean;
}

export const parseSku = (raw: string) => ok(normaliseIdentifier(raw));

export function parseTags(raw: string) {
  const tags = raw
    .split(/[|｜]/)
    .map((tag) => tag.trim())
    .filter(Boolean);
  return ok([...new Set(tags)]);
}

export const productsDefinition: ImportKindDefinition<ProductRow> = {
  kind: 'products',
  columns: ['sku', 'name', 'series', 'category', 'price', 'tags', 'is_trial'],
  required: ['sku', 'name'],
  oneOf: [],
  prefixes: [],
  parseRow(reader) {
    const sku = reader.required('sku', parseSku);
    const name = reader.requiredText('name', 200);
    const row = withoutUndefined<ProductRow>({
      sku: sku ?? '',
      name: name ?? '',
      series: reader.optionalText('series', 100),
      category: reader.optionalText('category', 100),
      price: reader.optional('price', (raw) => parseYen(raw, { min: 0 })),
      tags: reader.optional('tags', parseTags),
      isTrial: reader.optional('is_trial', parseBoolean),
    });
    return reader.issues.length ? undefined : row;
  },
};
