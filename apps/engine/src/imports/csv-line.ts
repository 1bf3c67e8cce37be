/** Cells back to one CSV line (RFC 4180 quoting), for the rejected-rows report. */
export function toCsvLine(cells: readonly (string | number)[]): string {
  return cells
    .map((cell) => {
      const text = String(cell);
      return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
    })
    .join(',');
}

// What toCsvLine quotes, seen on the comma-joined line: a quote or line break, or trim()'s white
// space (\s) at either end of a cell. Commas inside cells are counted separately.
const NEEDS_QUOTING = /["\r\n]|(?:^|,)\s|\s(?:,|$)/;

/** toCsvLine for rows of plain cells, which most are: one join and two scans instead of work per cell. */
export function compactCsvLine(cells: readonly string[]): string {
  const joined = cells.join(',');
  let commas = 0;
  for (let at = joined.indexOf(','); at !== -1; at = joined.indexOf(',', at + 1)) commas++;
  return commas !== cells.length - 1 || NEEDS_QUOTING.test(joined) ? toCsvLine(cells) : joined;
}
