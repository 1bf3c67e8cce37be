import { defaultAnalyticsSettings } from './analytics-settings';
import {
  heldThreshold,
  STABLE_SEGMENT_LABELS,
  STABLE_SEGMENTS,
  stableSegment,
  type StableSegment,
  type StableSegmentInput,
} from './stable-segments';

// Defaults: high basket 15,000 yen, middle 6,000; regular = 3+ purchases every 90 days or less;
// margin 15%; dormant after max(365 days, 3 x the median interval).
const settings = defaultAnalyticsSettings.stableSegments;

/** A regular, high-basket customer bought a month ago; each test changes what it is about. */
const customer = (input: Partial<StableSegmentInput>): StableSegmentInput => ({
  purchases: 6,
  medianIntervalDays: 60,
  basket: 20_000,
  daysSinceLast: 30,
  ...input,
});

describe('stableSegment', () => {
  it.each<[string, Partial<StableSegmentInput>, StableSegment]>([
    ['regular with a high basket', {}, 'core'],
    ['regular with a lower basket', { basket: 8_000 }, 'steady'],
    ['irregular with a middle basket', { purchases: 2, medianIntervalDays: 200, basket: 9_000 }, 'big_spot'],
    ['irregular with a small basket', { purchases: 2, medianIntervalDays: 200, basket: 3_000 }, 'light'],
    ['one purchase, however large', { purchases: 1, medianIntervalDays: null, basket: 50_000 }, 'one_time'],
    ['no purchase left in the lookback', { purchases: 0, medianIntervalDays: null, basket: 0 }, 'dormant'],
    ['regular but silent for over a year', { daysSinceLast: 400 }, 'dormant'],
  ])('%s is %s', (_case, input, segment) => {
    expect(stableSegment(customer(input), settings)).toBe(segment);
  });

  it('labels every segment', () => {
    expect(STABLE_SEGMENTS.map((segment) => STABLE_SEGMENT_LABELS[segment])).toEqual([
      '中核 (高購買力・定期)',
      '定期',
      '高単価スポット',
      'ライト',
      '単発',
      '休眠',
    ]);
  });

  it('keeps a single purchase "one time" however long ago, until it leaves the lookback', () => {
    expect(stableSegment(customer({ purchases: 1, medianIntervalDays: null, daysSinceLast: 700 }), settings)).toBe(
      'one_time',
    );
  });

  it('takes the boundaries as set when there is no previous segment (each inclusive)', () => {
    expect(stableSegment(customer({ basket: 15_000 }), settings)).toBe('core');
    expect(stableSegment(customer({ basket: 14_999 }), settings)).toBe('steady');
    expect(stableSegment(customer({ medianIntervalDays: 90, basket: 8_000 }), settings)).toBe('steady');
    expect(stableSegment(customer({ medianIntervalDays: 91, basket: 8_000 }), settings)).toBe('big_spot');
    expect(stableSegment(customer({ purchases: 3, medianIntervalDays: 30 }), settings)).toBe('core');
    // Two purchases are not a rhythm yet, however close together.
    expect(stableSegment(customer({ purchases: 2, medianIntervalDays: 30 }), settings)).toBe('big_spot');
    expect(stableSegment(customer({ purchases: 2, basket: 6_000 }), settings)).toBe('big_spot');
    expect(stableSegment(customer({ purchases: 2, basket: 5_999 }), settings)).toBe('light');
  });

  describe('dormancy', () => {
    it("comes after the minimum of 365 days when three of the customer's intervals are shorter", () => {
      // max(365, 60 x 3 = 180) = 365; dormant only when the days since the last purchase exceed it.
      expect(stableSegment(customer({ daysSinceLast: 365 }), settings)).toBe('core');
      expect(stableSegment(customer({ daysSinceLast: 366 }), settings)).toBe('dormant');
    });

    it("comes after three of the customer's own intervals when those are longer", () => {
      // max(365, 150 x 3 = 450) = 450; 150-day intervals are irregular, so the live segment is big_spot.
      const slow = { purchases: 4, medianIntervalDays: 150, basket: 9_000 };
      expect(stableSegment(customer({ ...slow, daysSinceLast: 450 }), settings)).toBe('big_spot');
      expect(stableSegment(customer({ ...slow, daysSinceLast: 451 }), settings)).toBe('dormant');
    });

    it("follows the workspace's own rule", () => {
      const strict = { ...settings, dormantIntervals: 2, dormantMinDays: 60 };
      // max(60, 40 x 2 = 80) = 80.
      expect(stableSegment(customer({ medianIntervalDays: 40, daysSinceLast: 80 }), strict)).toBe('core');
      expect(stableSegment(customer({ medianIntervalDays: 40, daysSinceLast: 81 }), strict)).toBe('dormant');
    });

    it('is not held by the margin: a silent core customer is dormant at once', () => {
      expect(stableSegment(customer({ daysSinceLast: 366, previous: 'core' }), settings)).toBe('dormant');
    });
  });

  describe('hysteresis', () => {
    it('keeps a core customer whose basket dips just below 15,000 yen, and flips beyond the margin', () => {
      // Held at 15,000 x (1 - 0.15) = 12,750.
      expect(stableSegment(customer({ basket: 14_900, previous: 'core' }), settings)).toBe('core');
      expect(stableSegment(customer({ basket: 12_750, previous: 'core' }), settings)).toBe('core');
      expect(stableSegment(customer({ basket: 12_749, previous: 'core' }), settings)).toBe('steady');
    });

    it('keeps a steady customer until the basket clears 15,000 yen by the margin', () => {
      // 15,000 x (1 + 0.15) = 17,250.
      expect(stableSegment(customer({ basket: 15_000, previous: 'steady' }), settings)).toBe('steady');
      expect(stableSegment(customer({ basket: 17_249, previous: 'steady' }), settings)).toBe('steady');
      expect(stableSegment(customer({ basket: 17_250, previous: 'steady' }), settings)).toBe('core');
    });

    it('keeps a regular customer regular while the median interval stays within 90 x 1.15 = 103.5 days', () => {
      const steady = { basket: 5_000, previous: 'steady' as const };
      expect(stableSegment(customer({ ...steady, medianIntervalDays: 100 }), settings)).toBe('steady');
      expect(stableSegment(customer({ ...steady, medianIntervalDays: 103 }), settings)).toBe('steady');
      // Exactly on the held line still holds (the product is rounded: 90 × 1.15 is not 103.5 in binary).
      expect(stableSegment(customer({ ...steady, medianIntervalDays: 103.5 }), settings)).toBe('steady');
      // No longer regular; big_spot and light hold nothing for a steady customer: 5,000 < 6,000.
      expect(stableSegment(customer({ ...steady, medianIntervalDays: 104 }), settings)).toBe('light');
    });

    it('keeps an irregular customer irregular until the interval is within 90 x 0.85 = 76.5 days', () => {
      const light = { basket: 5_000, previous: 'light' as const };
      expect(stableSegment(customer({ ...light, medianIntervalDays: 80 }), settings)).toBe('light');
      expect(stableSegment(customer({ ...light, medianIntervalDays: 77 }), settings)).toBe('light');
      // Now regular; core and steady hold nothing for a light customer: 5,000 < 15,000.
      expect(stableSegment(customer({ ...light, medianIntervalDays: 76.5 }), settings)).toBe('steady');
    });

    it('holds the 6,000 yen line between big_spot and light both ways', () => {
      const irregular = { purchases: 2, medianIntervalDays: 200 };
      // Held down at 6,000 x 0.85 = 5,100 for big_spot.
      expect(stableSegment(customer({ ...irregular, basket: 5_100, previous: 'big_spot' }), settings)).toBe('big_spot');
      expect(stableSegment(customer({ ...irregular, basket: 5_099, previous: 'big_spot' }), settings)).toBe('light');
      // Held up at 6,000 x 1.15 = 6,900 for light.
      expect(stableSegment(customer({ ...irregular, basket: 6_500, previous: 'light' }), settings)).toBe('light');
      expect(stableSegment(customer({ ...irregular, basket: 6_900, previous: 'light' }), settings)).toBe('big_spot');
    });

    it('holds nothing for a customer who was one time or dormant, or unknown', () => {
      for (const previous of ['one_time', 'dormant', null, undefined] as const) {
        expect(stableSegment(customer({ basket: 14_900, previous }), settings)).toBe('steady');
        expect(stableSegment(customer({ basket: 15_000, previous }), settings)).toBe('core');
      }
    });

    it('holds nothing with a margin of zero', () => {
      const noMargin = { ...settings, margin: 0 };
      expect(stableSegment(customer({ basket: 14_999, previous: 'core' }), noMargin)).toBe('steady');
      expect(stableSegment(customer({ basket: 15_000, previous: 'steady' }), noMargin)).toBe('core');
    });
  });
});

describe('heldThreshold', () => {
  it('is the boundary as set with no previous side', () => {
    expect(heldThreshold(15_000, 0.15, null, true)).toBe(15_000);
    expect(heldThreshold(90, 0.15, null, false)).toBe(90);
  });

  it('moves a lower bound (pass above it) down for those passing, up for those failing', () => {
    expect(heldThreshold(15_000, 0.15, true, true)).toBe(12_750);
    expect(heldThreshold(15_000, 0.15, false, true)).toBe(17_250);
  });

  it('moves an upper bound (pass below it) up for those passing, down for those failing', () => {
    // 90 x 1.15 is 103.49999999999999 in binary floating point; the threshold is rounded to 103.5.
    expect(heldThreshold(90, 0.15, true, false)).toBe(103.5);
    expect(heldThreshold(90, 0.15, false, false)).toBe(76.5);
  });

  it('does not move with a margin of zero', () => {
    expect(heldThreshold(6_000, 0, true, true)).toBe(6_000);
    expect(heldThreshold(6_000, 0, false, false)).toBe(6_000);
  });
});
