/** A cell of a two-dimensional grid, by row and column index. */
export interface GridPosition {
  row: number;
  column: number;
}

/**
 * Where focus goes in a grid of buttons on a key, as the WAI-ARIA grid pattern moves it: arrows by
 * one cell (stopping at the edges), Home / End to the row's ends, Ctrl+Home / Ctrl+End to the
 * grid's corners. Null for any other key, which the browser keeps.
 */
export function moveInGrid(
  from: GridPosition,
  key: string,
  size: { rows: number; columns: number },
  ctrlKey = false,
): GridPosition | null {
  const lastRow = size.rows - 1;
  const lastColumn = size.columns - 1;
  const clamp = (value: number, max: number) => Math.min(max, Math.max(0, value));
  switch (key) {
    case 'ArrowUp':
      return { row: clamp(from.row - 1, lastRow), column: from.column };
    case 'ArrowDown':
      return { row: clamp(from.row + 1, lastRow), column: from.column };
    case 'ArrowLeft':
      return { row: from.row, column: clamp(from.column - 1, lastColumn) };
    case 'ArrowRight':
      return { row: from.row, column: clamp(from.column + 1, lastColumn) };
    case 'Home':
      return ctrlKey ? { row: 0, column: 0 } : { row: from.row, column: 0 };
    case 'End':
      return ctrlKey ? { row: lastRow, column: lastColumn } : { row: from.row, column: lastColumn };
    default:
      return null;
  }
}
