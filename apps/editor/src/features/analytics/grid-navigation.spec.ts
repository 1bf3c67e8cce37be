import { moveInGrid } from './grid-navigation';

const size = { rows: 14, columns: 7 };

describe('moveInGrid', () => {
  it('moves one cell with the arrows and stops at the edges', () => {
    expect(moveInGrid({ row: 0, column: 1 }, 'ArrowDown', size)).toEqual({ row: 1, column: 1 });
    expect(moveInGrid({ row: 0, column: 1 }, 'ArrowUp', size)).toEqual({ row: 0, column: 1 });
    expect(moveInGrid({ row: 3, column: 6 }, 'ArrowRight', size)).toEqual({ row: 3, column: 6 });
    expect(moveInGrid({ row: 3, column: 6 }, 'ArrowLeft', size)).toEqual({ row: 3, column: 5 });
  });

  it('jumps to the ends of the row, or of the grid with Ctrl', () => {
    expect(moveInGrid({ row: 3, column: 3 }, 'Home', size)).toEqual({ row: 3, column: 0 });
    expect(moveInGrid({ row: 3, column: 3 }, 'End', size)).toEqual({ row: 3, column: 6 });
    expect(moveInGrid({ row: 3, column: 3 }, 'Home', size, true)).toEqual({ row: 0, column: 0 });
    expect(moveInGrid({ row: 3, column: 3 }, 'End', size, true)).toEqual({ row: 13, column: 6 });
  });

  it('leaves other keys to the browser', () => {
    expect(moveInGrid({ row: 0, column: 0 }, 'Tab', size)).toBeNull();
    expect(moveInGrid({ row: 0, column: 0 }, 'Enter', size)).toBeNull();
  });
});
