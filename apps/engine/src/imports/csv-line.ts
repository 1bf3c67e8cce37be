/** Cells back to one CSV line (RFC 4180 quoting), for the rejected-rows report. */
export function toCsvLine(cells: readonly (string | number)[]): string {
  return cells
    .map((cell) => {
      const text = String(cell);
      return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
    })
    .join(',');
}
