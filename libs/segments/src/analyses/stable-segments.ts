import type { StableSegmentSettings } from './analytics-settings';

/**
 * Stable segments separate customers by purchasing power and continuity, from what they did, not
 * from how long ago they did it:
 * - continuity: how many purchases (deliveries, fully returned orders excluded) and the customer's
 *   own rhythm (median days between purchases); one purchase stays "one time" until a second comes;
 * - purchasing power: the typical basket, net yen per purchase (returns deducted);
 * - dormancy: a repeat buyer silent for several of their own intervals (and at least a year), or
 *   nobody with a purchase left within the lookback.
 * Recency moves every day; these measures move only when behaviour does, so a segment holds for
 * months. docs/adr/0006 and the stability report measure it against RFM ranks.
 */
export const STABLE_SEGMENTS = ['core', 'steady', 'big_spot', 'light', 'one_time', 'dormant'] as const;
export type StableSegment = (typeof STABLE_SEGMENTS)[number];

export const STABLE_SEGMENT_LABELS: Readonly<Record<StableSegment, string>> = {
  core: '中核 (高購買力・定期)',
  steady: '定期',
  big_spot: '高単価スポット',
  light: 'ライト',
  one_time: '単発',
  dormant: '休眠',
};

export interface StableSegmentInput {
  /** Purchases within the lookback (fully returned orders excluded). */
  purchases: number;
  /** Median days between those purchases (null with fewer than two). */
  medianIntervalDays: number | null;
  /** Net yen per purchase within the lookback. */
  basket: number;
  /** Days since the last purchase. */
  daysSinceLast: number;
  /** The segment at the previous refresh: boundaries are held with a margin around it. */
  previous?: StableSegment | null;
}

/**
 * A boundary moved by the margin in favour of the side the customer was on at the previous refresh
 * (null: no previous side, the boundary as set). `passIsAbove`: the passing side is above the line.
 */
export function heldThreshold(
  threshold: number,
  margin: number,
  wasPassing: boolean | null,
  passIsAbove: boolean,
): number {
  if (wasPassing === null) return threshold;
  const easier = passIsAbove ? 1 - margin : 1 + margin;
  const harder = passIsAbove ? 1 + margin : 1 - margin;
  // Rounded: 90 × 1.15 is 103.49999999999999 in binary floating point, and a median of exactly
  // 103.5 days must still be held. The SQL (stable-segments.sql.ts) rounds the same way.
  return Math.round(threshold * (wasPassing ? easier : harder) * 1e9) / 1e9;
}

export function stableSegment(input: StableSegmentInput, settings: StableSegmentSettings): StableSegment {
  if (input.purchases === 0) return 'dormant';
  // A single purchase within the lookback is what it is until a second one comes (or it ages out).
  if (input.purchases === 1) return 'one_time';
  const dormantAfter = Math.max(settings.dormantMinDays, (input.medianIntervalDays ?? 0) * settings.dormantIntervals);
  if (input.daysSinceLast > dormantAfter) return 'dormant';
  const previous = input.previous ?? null;
  const side = (passing: readonly StableSegment[], failing: readonly StableSegment[]) =>
    previous && passing.includes(previous) ? true : previous && failing.includes(previous) ? false : null;
  const { margin } = settings;
  const intervalLimit = heldThreshold(
    settings.regularIntervalDays,
    margin,
    side(['core', 'steady'], ['big_spot', 'light']),
    false,
  );
  const regular =
    input.purchases >= settings.regularMinPurchases &&
    input.medianIntervalDays !== null &&
    input.medianIntervalDays <= intervalLimit;
  if (regular)
    return input.basket >= heldThreshold(settings.highBasket, margin, side(['core'], ['steady']), true)
      ? 'core'
      : 'steady';
  return input.basket >= heldThreshold(settings.middleBasket, margin, side(['big_spot'], ['light']), true)
    ? 'big_spot'
    : 'light';
}
