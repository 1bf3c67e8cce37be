import {
  claimsOf,
  clusterByIdentity,
  compileHeader,
  importKindDefinitions,
  RowReader,
  type IdentityClaim,
} from '@kizuna/ingest';
import { materialise } from './testing/materialised-dataset';

/**
 * The demo import must reject nothing: every row goes through the importer's own header rules and
 * row parsers (libs/ingest), the code a CSV import runs.
 */
describe('demoDataset through the importer', () => {
  const tables = materialise({ seed: 11, customers: 1500, asOf: '2026-11-22' });
  const context = { timeZone: 'Asia/Tokyo', defaultCountry: 'JP' as const };

  it('passes every header and every row', () => {
    for (const table of tables) {
      const definition = importKindDefinitions[table.kind];
      const header = compileHeader(table.kind, table.header, definition);
      const rejected = table.rows.flatMap((row, position) => {
        const reader = new RowReader(header, row, context);
        const record = definition.parseRow(reader);
        return record === undefined || reader.issues.length > 0
          ? [{ table: `${table.kind}/${table.source}`, line: position + 2, issues: reader.issues }]
          : [];
      });
      expect(rejected.slice(0, 3)).toEqual([]);
    }
  });

  it('merges the customer records into exactly one customer per person', () => {
    const claims: IdentityClaim[][] = [];
    for (const table of tables.filter((candidate) => candidate.kind === 'customers')) {
      const definition = importKindDefinitions.customers;
      const header = compileHeader('customers', table.header, definition);
      for (const row of table.rows) {
        const record = definition.parseRow(new RowReader(header, row, context));
        claims.push(record ? claimsOf(record.reference, table.source) : []);
      }
    }
    expect(new Set(clusterByIdentity(claims)).size).toBe(1500);
  });
});
