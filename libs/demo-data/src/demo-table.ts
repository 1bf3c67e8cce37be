export type DemoImportKind = 'customers' | 'products' | 'orders' | 'shipments' | 'returns' | 'events' | 'consents';

/** Source systems of the simulated brand: the product master, the EC site, the store POS and LINE. */
export type DemoSource = 'master' | 'ec' | 'pos' | 'line';

export interface DemoOptions {
  /** Default 20261123. */
  seed?: number;
  /** Number of people (distinct customers after identity resolution). Default 20000. */
  customers?: number;
  /** 'YYYY-MM-DD': last day of history (inclusive), Asia/Tokyo. */
  asOf: string;
  /** History spans `years` years ending at asOf. Default 2. */
  years?: number;
}

/** One import file's worth of rows, in the CSV format of docs/import-formats.md. */
export interface DemoTable {
  kind: DemoImportKind;
  source: string;
  header: readonly string[];
  /** Lazily generated; each row is aligned with `header`, every value a string ('' = no value). */
  rows(): Iterable<string[]>;
}
