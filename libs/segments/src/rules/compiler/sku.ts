const NON_ASCII = /[^\x00-\x7f]/;

/**
 * SKUs are stored NFKC-normalised (ingest's normaliseIdentifier), so a SKU typed full-width in the
 * editor (ＡＢＣ－１２３) must be compared as ABC-123. Kept here rather than imported so the editor
 * bundle does not pull in the CSV importer.
 */
export function normaliseSku(raw: string): string {
  const trimmed = raw.trim();
  return NON_ASCII.test(trimmed) ? trimmed.normalize('NFKC').trim() : trimmed;
}
