/** A share of a total, rounded to 4 decimals (0 when the total is 0). */
export function share(part: number, total: number): number {
  return total > 0 ? Math.round((part / total) * 10_000) / 10_000 : 0;
}
