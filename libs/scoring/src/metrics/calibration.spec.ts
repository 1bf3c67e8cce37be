import { calibrationTable, expectedCalibrationError } from './calibration';

describe('calibrationTable', () => {
  it('cuts rows sorted by prediction into equal groups with their mean prediction and observed rate', () => {
    const predicted = Float64Array.from([0.9, 0.1, 0.2, 0.8, 0.5, 0.6]);
    const labels = Uint8Array.from([1, 0, 1, 1, 0, 1]);
    expect(calibrationTable(predicted, labels, null, 3)).toEqual([
      { bin: 1, rows: 2, meanPredicted: (0.1 + 0.2) / 2, observedRate: 0.5 },
      { bin: 2, rows: 2, meanPredicted: (0.5 + 0.6) / 2, observedRate: 0.5 },
      { bin: 3, rows: 2, meanPredicted: (0.8 + 0.9) / 2, observedRate: 1 },
    ]);
  });

  it('gives the first bins one row more when the rows do not divide evenly', () => {
    const predicted = Float64Array.from([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]);
    const table = calibrationTable(predicted, new Uint8Array(7), null, 3);
    expect(table.map((bin) => bin.rows)).toEqual([3, 2, 2]);
  });

  it('has no more bins than rows', () => {
    expect(calibrationTable(Float64Array.from([0.5]), Uint8Array.from([1]), null, 10)).toHaveLength(1);
  });

  it('weighs each bin by its rows in the expected calibration error', () => {
    const error = expectedCalibrationError([
      { bin: 1, rows: 3, meanPredicted: 0.1, observedRate: 0.2 },
      { bin: 2, rows: 1, meanPredicted: 0.5, observedRate: 0.1 },
    ]);
    expect(error).toBeCloseTo((3 * 0.1 + 1 * 0.4) / 4, 12);
  });
});
