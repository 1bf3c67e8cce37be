import type { HistoryCalendar } from './calendar';
import { prefectureAt } from './addresses';
import type { CustomerProfile } from './customer-profile';
import { seedOffset } from './identities';
import type { Random } from './random';
import { WeightedTable } from './weighted-table';

export const CARRIERS: readonly string[] = ['ヤマト運輸', '佐川急便', '日本郵便'];
const carrierTable = new WeightedTable([55, 30, 15]);

const HOUR = 3600;
/** Parcels leave the warehouse with the afternoon pickups. */
const PICKUP_START = 13 * HOUR;
const PICKUP_END = 19 * HOUR;
/** Orders placed after this leave the next day or later. */
const SAME_DAY_CUTOFF = 15 * HOUR;
const TRACKING_SPACE = 100_000_000_000; // 11 digits + a check digit
const TRACKING_MULTIPLIER = 7919; // prime, coprime to 10: a bijection on the 11-digit space

/** One parcel; `deliveredDay` is -1 while it is still in transit at asOf. */
export interface ShipmentPlan {
  shippedDay: number;
  shippedSecond: number;
  deliveredDay: number;
  deliveredSecond: number;
  carrier: number;
}

/** Far regions take a day longer from a warehouse in 関東. */
function isFar(profile: CustomerProfile): boolean {
  const region = prefectureAt(profile.prefectureIndex).region;
  return region === '北海道' || region === '九州・沖縄';
}

/**
 * Plans the shipment of one EC order into `plan`; false when it has not left the warehouse by asOf.
 * Draws the same way in every table, so shipments and returns agree on delivery dates.
 */
export function planShipment(
  random: Random,
  calendar: HistoryCalendar,
  profile: CustomerProfile,
  orderDay: number,
  orderSecond: number,
  plan: ShipmentPlan,
): boolean {
  const roll = random.float();
  let delay = orderSecond < SAME_DAY_CUTOFF ? (roll < 0.45 ? 0 : roll < 0.9 ? 1 : 2) : roll < 0.8 ? 1 : 2;
  const earliest = delay === 0 ? Math.max(PICKUP_START, orderSecond + 2 * HOUR) : PICKUP_START;
  if (earliest >= PICKUP_END) delay = 1;
  const from = delay === 0 ? earliest : PICKUP_START;
  plan.shippedDay = orderDay + delay;
  plan.shippedSecond = from + random.below(PICKUP_END - from);
  const transitRoll = random.float();
  const transit = Math.min(3, (transitRoll < 0.6 ? 1 : transitRoll < 0.9 ? 2 : 3) + (isFar(profile) ? 1 : 0));
  plan.deliveredDay = plan.shippedDay + transit;
  plan.deliveredSecond = 9 * HOUR + random.below(12 * HOUR);
  plan.carrier = carrierTable.pick(random);
  if (plan.deliveredDay > calendar.lastIndex) plan.deliveredDay = -1;
  return plan.shippedDay <= calendar.lastIndex;
}

export function newShipmentPlan(): ShipmentPlan {
  return { shippedDay: 0, shippedSecond: 0, deliveredDay: -1, deliveredSecond: 0, carrier: 0 };
}

/**
 * 12-digit tracking number unique per (customer, order): an 11-digit bijective scramble of the
 * order's serial plus a modulus-7 check digit, as ヤマト運輸 and 佐川急便 numbers carry one.
 */
export function trackingNumber(seed: number, index: number, sequence: number): string {
  const serial = index * 1000 + sequence;
  const body = (serial * TRACKING_MULTIPLIER + seedOffset(seed, 4, 23)) % TRACKING_SPACE;
  return String(body).padStart(11, '0') + String(body % 7);
}
