/**
 * The heat map's colours: a sequential blue scale in discrete steps, so the legend can name each
 * step's range exactly. Step 0 is reserved for empty cells. Text on each step takes whichever of
 * near-black and white has the higher contrast (WCAG 2.x relative luminance), so every figure stays
 * readable whatever the colour.
 */
export const HEAT_COLOURS = ['#f6f7f9', '#dbe9f6', '#bad6eb', '#89bedc', '#539ecd', '#2b7bba', '#0b559f', '#08306b'];

/** Steps that carry customers (all but the empty one). */
export const HEAT_STEPS = HEAT_COLOURS.length - 1;

const DARK_TEXT = '#1f2933';
const LIGHT_TEXT = '#ffffff';

/** The step of a share: 0 for an empty cell, else 1..HEAT_STEPS by its fraction of the largest share. */
export function heatStep(share: number, maxShare: number): number {
  if (share <= 0 || maxShare <= 0) return 0;
  return Math.min(HEAT_STEPS, Math.max(1, Math.ceil((share / maxShare) * HEAT_STEPS)));
}

/** The share range of each non-empty step, `(from, to]`, for the legend. */
export function heatLegend(maxShare: number): { step: number; from: number; to: number }[] {
  return Array.from({ length: HEAT_STEPS }, (_, index) => ({
    step: index + 1,
    from: (maxShare * index) / HEAT_STEPS,
    to: (maxShare * (index + 1)) / HEAT_STEPS,
  }));
}

function channel(value: number): number {
  const srgb = value / 255;
  return srgb <= 0.04045 ? srgb / 12.92 : ((srgb + 0.055) / 1.055) ** 2.4;
}

/** Relative luminance of `#rrggbb` (WCAG 2.x). */
export function relativeLuminance(hex: string): number {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new Error(`not a #rrggbb colour: ${hex}`);
  const [r, g, b] = [match[1]!, match[2]!, match[3]!].map((part) => channel(parseInt(part, 16)));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

export function textColourOn(background: string): string {
  return contrastRatio(background, DARK_TEXT) >= contrastRatio(background, LIGHT_TEXT) ? DARK_TEXT : LIGHT_TEXT;
}

/** Cells by row (recency) and column (frequency), both in bucket order, for a table. */
export function matrixRows<Cell extends { recency: number; frequency: number }>(
  cells: readonly Cell[],
): { recency: number; cells: Cell[] }[] {
  const rows = new Map<number, Cell[]>();
  for (const cell of cells) rows.set(cell.recency, [...(rows.get(cell.recency) ?? []), cell]);
  return [...rows]
    .sort(([a], [b]) => a - b)
    .map(([recency, row]) => ({ recency, cells: [...row].sort((a, b) => a.frequency - b.frequency) }));
}
