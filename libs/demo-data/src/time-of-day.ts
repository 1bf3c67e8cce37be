import { itemAt } from './lists';
import type { Random } from './random';
import { STORES } from './stores';
import { WeightedTable } from './weighted-table';

/**
 * Orders placed online per hour of the day (Asia/Tokyo), shaped like published EC traffic for
 * cosmetics: a commute peak at 7-8, lunch at 12, and the evening peak at 21-22 after children are in
 * bed, with a trough at 3-5.
 */
const ONLINE_HOUR_WEIGHTS = [3, 2, 1, 0.5, 0.5, 1, 3, 5, 5, 4, 4, 4, 6, 5, 4, 4, 4, 4, 5, 6, 7, 9, 9, 6];
const onlineHours = new WeightedTable(ONLINE_HOUR_WEIGHTS);

/** A second of the day for something done online (an EC order, a LINE follow, a page view). */
export function onlineSecond(random: Random): number {
  return onlineHours.pick(random) * 3600 + random.below(3600);
}

/**
 * A second within the store's opening hours, peaking mid-afternoon (the mean of two uniforms is
 * triangular), and never in the last five minutes when registers are being closed.
 */
export function storeSecond(random: Random, storeIndex: number): number {
  const store = itemAt(STORES, storeIndex);
  const span = store.closesAt - store.opensAt - 300;
  return store.opensAt + Math.floor(((random.float() + random.float()) / 2) * span);
}
