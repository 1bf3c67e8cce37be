import { transitionMatrix } from './transitions';

describe('transitionMatrix', () => {
  it('fills every pair and measures who stayed', () => {
    const rows = transitionMatrix([
      { from: 'core', to: 'core', customers: 3 },
      { from: 'core', to: 'dormant', customers: 1 },
      { from: 'light', to: 'steady', customers: 2 },
    ]);
    expect(rows[0]).toEqual({ from: 'core', to: [3, 0, 0, 0, 0, 1], total: 4, stayed: 0.75 });
    expect(rows[3]).toEqual({ from: 'light', to: [0, 2, 0, 0, 0, 0], total: 2, stayed: 0 });
    expect(rows[5]).toEqual({ from: 'dormant', to: [0, 0, 0, 0, 0, 0], total: 0, stayed: 0 });
  });
});
