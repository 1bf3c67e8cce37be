import type { StableSegment } from './analysis';

export const STABLE_SEGMENT_ORDER: readonly StableSegment[] = [
  'core',
  'steady',
  'big_spot',
  'light',
  'one_time',
  'dormant',
];

export interface TransitionRow {
  from: StableSegment;
  /** Customers per segment six months later, in STABLE_SEGMENT_ORDER. */
  to: number[];
  total: number;
  /** Share of the row's customers still in the same segment. */
  stayed: number;
}

/** The from × to table of stable-segment transitions, every pair present (0 when no customer moved that way). */
export function transitionMatrix(
  transitions: readonly { from: StableSegment; to: StableSegment; customers: number }[],
): TransitionRow[] {
  return STABLE_SEGMENT_ORDER.map((from) => {
    const to = STABLE_SEGMENT_ORDER.map(
      (target) => transitions.find((pair) => pair.from === from && pair.to === target)?.customers ?? 0,
    );
    const total = to.reduce((sum, customers) => sum + customers, 0);
    const same = to[STABLE_SEGMENT_ORDER.indexOf(from)] ?? 0;
    return { from, to, total, stayed: total > 0 ? same / total : 0 };
  });
}
