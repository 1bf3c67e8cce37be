import type { Interval } from '../analytics-error';

export interface RoiInput {
  /** Treated customers (those the messages went to). */
  treatedCustomers: number;
  /** Conversion-rate difference treated - control, with its interval. */
  difference: { estimate: number } & Interval;
  /** Average order value of treated conversions, yen. */
  averageOrderValue: number;
  /** What the messages cost, yen (sent messages × per-channel unit cost). */
  cost: number;
}

export interface Roi {
  incrementalConversions: number;
  /** lift × customers × AOV, with the same computed at the interval's ends. */
  incrementalRevenue: { estimate: number } & Interval;
  cost: number;
  /** Incremental revenue minus cost, yen. */
  net: { estimate: number } & Interval;
  /** net / cost (null when nothing was spent). */
  roi: number | null;
}

/**
 * Return on the journey's messages: incremental conversions (the lift over the holdout times the
 * treated customers) at the treated average order value, minus what was spent on the channels. The
 * interval carries only the uncertainty of the lift, the term that dominates.
 */
export function returnOnInvestment(input: RoiInput): Roi {
  const revenueAt = (difference: number) => difference * input.treatedCustomers * input.averageOrderValue;
  const incrementalRevenue = {
    estimate: revenueAt(input.difference.estimate),
    lower: revenueAt(input.difference.lower),
    upper: revenueAt(input.difference.upper),
  };
  const net = {
    estimate: incrementalRevenue.estimate - input.cost,
    lower: incrementalRevenue.lower - input.cost,
    upper: incrementalRevenue.upper - input.cost,
  };
  return {
    incrementalConversions: input.difference.estimate * input.treatedCustomers,
    incrementalRevenue,
    cost: input.cost,
    net,
    roi: input.cost > 0 ? net.estimate / input.cost : null,
  };
}
