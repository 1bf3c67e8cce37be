import { defaultAnalyticsSettings, type RfMatrixSettings } from './analytics-settings';
import { frequencyBucket, frequencyLabel, recencyBucket, recencyLabel, rfCells, rfStage } from './rf-stages';

// Defaults: 13 recency rows plus "13+", frequency columns 0 ... "6+"; stages 見込 (0 purchases),
// 新規 (1), 有望 (2-3), 優良 (4+) by 現役 (under 3 months), 休止 (3-6), 離脱 (7+).
const matrix = defaultAnalyticsSettings.rfMatrix;

describe('recencyBucket', () => {
  it.each([
    [0, 0],
    [0.99, 0],
    [1, 1],
    [2.5, 2],
    [12.99, 12],
    [13, 13],
    [40, 13],
  ])('puts %d months since the last purchase in row %i of 13+', (months, bucket) => {
    expect(recencyBucket(months, matrix.recencyMonths)).toBe(bucket);
  });

  it('puts a purchase dated after the reference (clock skew) in the first row', () => {
    expect(recencyBucket(-0.5, 13)).toBe(0);
  });

  it("caps at the workspace's own last row", () => {
    expect(recencyBucket(5.9, 6)).toBe(5);
    expect(recencyBucket(6.2, 6)).toBe(6);
  });
});

describe('frequencyBucket', () => {
  it.each([
    [-1, 0],
    [0, 0],
    [1, 1],
    [5, 5],
    [6, 6],
    [7, 6],
    [100, 6],
  ])('puts %i purchases in column %i of 6+', (purchases, bucket) => {
    expect(frequencyBucket(purchases, matrix.frequencyCap)).toBe(bucket);
  });
});

describe('rfStage', () => {
  it.each([
    [0, 0, 'prospect_active', '見込現役'],
    [0, 1, 'new_active', '新規現役'],
    // Row 2 is "2 to under 3 months": still bought within three months.
    [2, 1, 'new_active', '新規現役'],
    [3, 1, 'new_dormant', '新規休止'],
    [2, 2, 'promising_active', '有望現役'],
    [2, 3, 'promising_active', '有望現役'],
    [6, 2, 'promising_dormant', '有望休止'],
    [7, 3, 'promising_lapsed', '有望離脱'],
    [0, 4, 'loyal_active', '優良現役'],
    [6, 4, 'loyal_dormant', '優良休止'],
    [13, 6, 'loyal_lapsed', '優良離脱'],
    [13, 0, 'prospect_lapsed', '見込離脱'],
  ])('row %i, column %i is %s (%s)', (recency, frequency, code, label) => {
    expect(rfStage(recency, frequency, matrix)).toEqual({ code, label });
  });

  it('falls back to the last group when no group is open-ended', () => {
    const settings: RfMatrixSettings = {
      ...matrix,
      frequencyGroups: [
        { code: 'one', label: '1回', maxPurchases: 1 },
        { code: 'two', label: '2回', maxPurchases: 2 },
      ],
      recencyGroups: [
        { code: 'recent', label: '直近', maxMonths: 2 },
        { code: 'older', label: '以前', maxMonths: 4 },
      ],
    };
    expect(rfStage(1, 1, settings)).toEqual({ code: 'one_recent', label: '1回直近' });
    expect(rfStage(3, 2, settings)).toEqual({ code: 'two_older', label: '2回以前' });
    expect(rfStage(10, 5, settings)).toEqual({ code: 'two_older', label: '2回以前' });
  });
});

describe('rfCells', () => {
  it('lists every cell of the default matrix once, row by row', () => {
    const cells = rfCells(matrix);
    // (13 + 1) rows x (6 + 1) columns.
    expect(cells).toHaveLength(98);
    expect(new Set(cells.map((cell) => `${cell.recency}:${cell.frequency}`)).size).toBe(98);
    expect(cells[0]).toEqual({ recency: 0, frequency: 0, code: 'prospect_active', label: '見込現役' });
    expect(cells[1]).toEqual({ recency: 0, frequency: 1, code: 'new_active', label: '新規現役' });
    expect(cells[7]).toEqual({ recency: 1, frequency: 0, code: 'prospect_active', label: '見込現役' });
    expect(cells[97]).toEqual({ recency: 13, frequency: 6, code: 'loyal_lapsed', label: '優良離脱' });
    for (const cell of cells) expect(cell).toMatchObject(rfStage(cell.recency, cell.frequency, matrix));
  });

  it('gives each stage as many cells as its columns times its rows', () => {
    const counts: Record<string, number> = {};
    for (const { code } of rfCells(matrix)) counts[code] = (counts[code] ?? 0) + 1;
    // Columns: 見込 1 (0), 新規 1 (1), 有望 2 (2, 3), 優良 3 (4, 5, 6+).
    // Rows: 現役 3 (<1 ... <3), 休止 4 (<4 ... <7), 離脱 7 (<8 ... 13+).
    expect(counts).toEqual({
      prospect_active: 3,
      prospect_dormant: 4,
      prospect_lapsed: 7,
      new_active: 3,
      new_dormant: 4,
      new_lapsed: 7,
      promising_active: 6,
      promising_dormant: 8,
      promising_lapsed: 14,
      loyal_active: 9,
      loyal_dormant: 12,
      loyal_lapsed: 21,
    });
  });

  it("follows the workspace's matrix size", () => {
    const cells = rfCells({ ...matrix, recencyMonths: 3, frequencyCap: 2 });
    expect(cells.map((cell) => [cell.recency, cell.frequency, cell.code])).toEqual([
      [0, 0, 'prospect_active'],
      [0, 1, 'new_active'],
      [0, 2, 'promising_active'],
      [1, 0, 'prospect_active'],
      [1, 1, 'new_active'],
      [1, 2, 'promising_active'],
      [2, 0, 'prospect_active'],
      [2, 1, 'new_active'],
      [2, 2, 'promising_active'],
      [3, 0, 'prospect_dormant'],
      [3, 1, 'new_dormant'],
      [3, 2, 'promising_dormant'],
    ]);
  });
});

describe('recencyLabel and frequencyLabel', () => {
  it('label a row by its upper bound in months, the last row as "or more"', () => {
    expect([0, 1, 12, 13, 20].map((bucket) => recencyLabel(bucket, 13))).toEqual(['<1', '<2', '<13', '13+', '13+']);
  });

  it('label a column by its purchase count, the last column as "or more"', () => {
    expect([0, 1, 5, 6, 9].map((bucket) => frequencyLabel(bucket, 6))).toEqual(['0', '1', '5', '6+', '6+']);
  });
});
