import { retryDelayMs } from './channel-transport';

describe('retryDelayMs', () => {
  it('doubles from the base, keeps at least half (jitter in the upper half) and stops at the cap', () => {
    expect(retryDelayMs(1, 30_000, 3_600_000, () => 0)).toBe(15_000);
    expect(retryDelayMs(1, 30_000, 3_600_000, () => 1)).toBe(30_000);
    expect(retryDelayMs(3, 30_000, 3_600_000, () => 0.5)).toBe(90_000);
    expect(retryDelayMs(20, 30_000, 3_600_000, () => 1)).toBe(3_600_000);
  });
});
