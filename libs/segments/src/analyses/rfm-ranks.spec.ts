import { defaultAnalyticsSettings } from './analytics-settings';
import { RFM_RANK_LABELS, RFM_RANKS, rfmRank, scoreFromCuts, type RfmRank } from './rfm-ranks';

describe('rfmRank', () => {
  // Defaults: a frequency or monetary score of 4 or 5 is "high".
  it.each<[number, number, RfmRank]>([
    [5, 5, 'loyal'],
    [4, 4, 'loyal'],
    [3, 4, 'semi_loyal'],
    [1, 5, 'semi_loyal'],
    [4, 3, 'general'],
    [5, 1, 'general'],
    [3, 3, 'lapsed'],
    [1, 1, 'lapsed'],
  ])('F %i and M %i is %s with the default thresholds', (frequencyScore, monetaryScore, rank) => {
    expect(rfmRank(frequencyScore, monetaryScore, defaultAnalyticsSettings.rfm)).toBe(rank);
  });

  it("follows the workspace's own thresholds, each inclusive", () => {
    const settings = { highFrequencyScore: 2, highMonetaryScore: 5 };
    expect(rfmRank(2, 5, settings)).toBe('loyal');
    expect(rfmRank(2, 4, settings)).toBe('general');
    expect(rfmRank(1, 5, settings)).toBe('semi_loyal');
    expect(rfmRank(1, 4, settings)).toBe('lapsed');
  });

  it('labels every rank in Japanese', () => {
    expect(RFM_RANKS).toEqual(['loyal', 'semi_loyal', 'general', 'lapsed']);
    expect(RFM_RANKS.map((rank) => RFM_RANK_LABELS[rank])).toEqual(['優良', '準優良', '一般', '離反']);
  });
});

describe('scoreFromCuts', () => {
  // Orders in the window: 1 up to 2, 2 up to 5, 3 up to 9, 4 up to 20, 5 above.
  const frequencyCuts = [2, 5, 9, 20];

  it.each([
    [0, 1],
    [1, 1],
    [2, 1],
    [3, 2],
    [5, 2],
    [6, 3],
    [9, 3],
    [10, 4],
    [20, 4],
    [21, 5],
    [1_000, 5],
  ])('scores %i orders as %i (a value on a cut stays below it)', (value, score) => {
    expect(scoreFromCuts(value, frequencyCuts)).toBe(score);
  });

  it('gives customers on a shared value one score, even when several cuts fall on it', () => {
    // percentile_cont quintiles of [1, 1, 1, 1, 1, 1, 2, 3, 4, 5] (positions 0.2, 0.4, 0.6, 0.8 x 9):
    // 1.8 -> 1, 3.6 -> 1, 5.4 -> 1 + 0.4 x (2 - 1) = 1.4, 7.2 -> 3 + 0.2 x (4 - 3) = 3.2.
    const cuts = [1, 1, 1.4, 3.2];
    const scores = [1, 1, 1, 1, 1, 1, 2, 3, 4, 5].map((orders) => scoreFromCuts(orders, cuts));
    // The six one-time buyers all score 1 (none is above a cut); 2 and 3 are above three cuts: 4;
    // 4 and 5 are above all four: 5. Nobody scores 2 or 3 rather than splitting equal customers.
    expect(scores).toEqual([1, 1, 1, 1, 1, 1, 4, 4, 5, 5]);
  });

  it('scores recency the other way round: fewer days since the last order is better', () => {
    const recencyDays = [30, 90, 180, 365];
    const score = (days: number) => scoreFromCuts(days, recencyDays, true);
    // 5 - (number of cuts the days exceed).
    expect([0, 30, 31, 90, 91, 180, 181, 365, 366, 3_000].map(score)).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
  });

  it('compares integers with interpolated quantile cuts as the SQL does (v > 2.5 is v > 2)', () => {
    const cuts = [2.5, 4, 7.5, 12];
    expect([2, 3, 4, 5, 7, 8, 12, 13].map((value) => scoreFromCuts(value, cuts))).toEqual([1, 2, 2, 3, 3, 4, 4, 5]);
  });
});
