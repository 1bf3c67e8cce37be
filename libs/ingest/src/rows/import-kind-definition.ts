import type { HeaderRules } from './header';
import type { ImportKind } from './import-kind';
import type { RowReader } from './row-reader';

/** The schema of one import kind: accepted columns and how a row becomes a typed record. */
export interface ImportKindDefinition<TRecord> extends HeaderRules {
  kind: ImportKind;
  /** Returns the record, or undefined when the reader collected issues. */
  parseRow(reader: RowReader): TRecord | undefined;
}
