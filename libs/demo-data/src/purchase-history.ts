import { BASKET_TABLES, NEXT_SERIES_TABLES, PRODUCTS, REGULAR_PRODUCTS, TRIAL_PRODUCT } from './catalogue';
import type { CustomerProfile } from './customer-profile';
import type { DemoContext } from './demo-context';
import { itemAt } from './lists';
import { Random, Stream } from './random';
import { STORES, STORES_BY_PREFECTURE } from './stores';
import { onlineSecond, storeSecond } from './time-of-day';
import { WeightedTable } from './weighted-table';

export const OrderChannel = { ec: 0, store: 1 } as const;

/** Coupon codes by index; 0 is "no coupon". */
export const COUPON_CODES: readonly string[] = ['', 'TRIAL500', 'LINE300', 'BDAY10', 'HOLIDAY15'];
const Coupon = { none: 0, trialThanks: 1, lineFriend: 2, birthday: 3, holiday: 4 } as const;

/**
 * Repeat behaviour. Cosmetics D2C benchmarks put trial-to-regular conversion near 30-40% and second
 * purchase (F2) conversion near 35-45%; a loyal minority on a replenishment cycle keeps buying with a
 * low churn per cycle. Loyal customers' trials convert far more often (they are who they are).
 */
const KEEP_AFTER_TRIAL = { loyal: 0.9, casual: 0.33 };
const LOYAL_KEEP = 0.98;
const CASUAL_KEEP_BY_ORDER = [0.4, 0.5, 0.65];
const SERIES_SWITCH = { loyal: 0.07, casual: 0.15 };
const CROSS_SERIES_LINE = 0.15;
const MAX_ORDERS = 200;
const MIN_GAP_DAYS = 4;

/** Lines per regular order (1-4): loyal customers buy their whole routine at once. */
const LINES_LOYAL = new WeightedTable([8, 22, 35, 35]);
const LINES_CASUAL = new WeightedTable([40, 33, 17, 10]);
const QUANTITY = new WeightedTable([88, 10, 2]);

/**
 * One customer's orders as parallel typed arrays, reused across customers: a table walks a million
 * customers without allocating per order. Lines of order k are firstLine[k] … firstLine[k] + lines[k] - 1.
 */
export class PurchaseHistory {
  orderCount = 0;
  lineTotal = 0;
  day = new Int32Array(32);
  second = new Int32Array(32);
  channel = new Uint8Array(32);
  /** Store index, or -1 for EC orders. */
  store = new Int16Array(32);
  coupon = new Uint8Array(32);
  /** 1-based sequence of the order within its channel (used in order ids). */
  sequence = new Int32Array(32);
  firstLine = new Int32Array(32);
  lines = new Uint8Array(32);
  /** Sum of line amounts, yen. */
  total = new Int32Array(32);
  trial = new Uint8Array(32);
  product = new Int16Array(128);
  quantity = new Uint8Array(128);
  amount = new Int32Array(128);

  reset(): void {
    this.orderCount = 0;
    this.lineTotal = 0;
  }

  /** Appends an order and returns its index; its lines are added with addLine. */
  addOrder(day: number, second: number, channel: number, store: number, sequence: number): number {
    if (this.orderCount === this.day.length) this.growOrders();
    const k = this.orderCount++;
    this.day[k] = day;
    this.second[k] = second;
    this.channel[k] = channel;
    this.store[k] = store;
    this.sequence[k] = sequence;
    this.coupon[k] = Coupon.none;
    this.firstLine[k] = this.lineTotal;
    this.lines[k] = 0;
    this.total[k] = 0;
    this.trial[k] = 0;
    return k;
  }

  addLine(order: number, product: number, quantity: number, amount: number): void {
    if (this.lineTotal === this.product.length) this.growLines();
    const line = this.lineTotal++;
    this.product[line] = product;
    this.quantity[line] = quantity;
    this.amount[line] = amount;
    this.lines[order] = (this.lines[order] ?? 0) + 1;
    this.total[order] = (this.total[order] ?? 0) + amount;
  }

  hasProduct(order: number, product: number): boolean {
    const first = this.firstLine[order] ?? 0;
    for (let line = first; line < this.lineTotal; line++) if (this.product[line] === product) return true;
    return false;
  }

  private growOrders(): void {
    const size = this.day.length * 2;
    this.day = grow(this.day, new Int32Array(size));
    this.second = grow(this.second, new Int32Array(size));
    this.channel = grow(this.channel, new Uint8Array(size));
    this.store = grow(this.store, new Int16Array(size));
    this.coupon = grow(this.coupon, new Uint8Array(size));
    this.sequence = grow(this.sequence, new Int32Array(size));
    this.firstLine = grow(this.firstLine, new Int32Array(size));
    this.lines = grow(this.lines, new Uint8Array(size));
    this.total = grow(this.total, new Int32Array(size));
    this.trial = grow(this.trial, new Uint8Array(size));
  }

  private growLines(): void {
    const size = this.product.length * 2;
    this.product = grow(this.product, new Int16Array(size));
    this.quantity = grow(this.quantity, new Uint8Array(size));
    this.amount = grow(this.amount, new Int32Array(size));
  }
}

function grow<T extends Int32Array | Int16Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/** A channel is open for repeat orders from the day after the customer registered in it. */
function isOpen(membership: { day: number } | undefined, day: number): boolean {
  return membership !== undefined && membership.day < day;
}

/** Most store visits are to the home store; some while shopping elsewhere or travelling. */
function pickStore(random: Random, profile: CustomerProfile): number {
  const roll = random.float();
  if (roll < 0.85) return profile.homeStore;
  if (roll < 0.95) return random.pick(itemAt(STORES_BY_PREFECTURE, profile.prefectureIndex));
  return random.below(STORES.length);
}

function pickCoupon(
  random: Random,
  context: DemoContext,
  profile: CustomerProfile,
  day: number,
  channel: number,
  previousWasTrial: boolean,
): number {
  const calendar = context.calendar;
  // The trial box carries a 500-yen coupon for the first full-size order.
  if (previousWasTrial && channel === OrderChannel.ec && random.chance(0.6)) return Coupon.trialThanks;
  if (calendar.month(day) === profile.birthMonth && random.chance(0.25)) return Coupon.birthday;
  if (
    channel === OrderChannel.ec &&
    calendar.month(day) === 12 &&
    calendar.dayOfMonth(day) <= 25 &&
    random.chance(0.15)
  ) {
    return Coupon.holiday;
  }
  if (profile.line !== undefined && profile.line.day < day && random.chance(0.08)) return Coupon.lineFriend;
  return Coupon.none;
}

function discounted(coupon: number, lineIndex: number, gross: number): number {
  switch (coupon) {
    case Coupon.trialThanks:
      return lineIndex === 0 ? gross - 500 : gross;
    case Coupon.lineFriend:
      return lineIndex === 0 ? gross - 300 : gross;
    case Coupon.birthday:
      return gross - Math.floor(gross / 10);
    case Coupon.holiday:
      return gross - Math.floor((gross * 15) / 100);
    default:
      return gross;
  }
}

function addBasket(history: PurchaseHistory, random: Random, order: number, series: number, loyal: boolean): void {
  const lineCount = 1 + (loyal ? LINES_LOYAL : LINES_CASUAL).pick(random);
  const coupon = history.coupon[order] ?? Coupon.none;
  let added = 0;
  for (let attempt = 0; added < lineCount && attempt < lineCount + 4; attempt++) {
    // Add-ons from a neighbouring line (a body milk, a supplement) are how customers discover series.
    const lineSeries =
      added > 0 && random.chance(CROSS_SERIES_LINE) ? itemAt(NEXT_SERIES_TABLES, series).pick(random) : series;
    const product = itemAt(itemAt(REGULAR_PRODUCTS, lineSeries), itemAt(BASKET_TABLES, lineSeries).pick(random));
    if (history.hasProduct(order, product)) continue;
    const quantity = 1 + QUANTITY.pick(random);
    history.addLine(order, product, quantity, discounted(coupon, added, quantity * itemAt(PRODUCTS, product).price));
    added++;
  }
}

/** Regenerates customer i's orders into `history` (cleared first); deterministic in (seed, i). */
export function fillPurchaseHistory(history: PurchaseHistory, context: DemoContext, profile: CustomerProfile): void {
  history.reset();
  const first = profile.firstOrder;
  if (first === undefined) return;
  const random = new Random(context.seed, profile.index, Stream.purchases);
  const calendar = context.calendar;
  const last = calendar.lastIndex;
  let day = first.day;
  let second = first.second;
  let channel: number = first.channel === 'ec' ? OrderChannel.ec : OrderChannel.store;
  let store = channel === OrderChannel.store ? profile.homeStore : -1;
  let series = profile.homeSeries;
  let trial = profile.firstOrderIsTrial;
  let previousWasTrial = false;
  const sequences = [0, 0];
  const keepAfterTrial = profile.loyal ? KEEP_AFTER_TRIAL.loyal : KEEP_AFTER_TRIAL.casual;
  const switchSeries = profile.loyal ? SERIES_SWITCH.loyal : SERIES_SWITCH.casual;

  for (let n = 0; n < MAX_ORDERS; n++) {
    const sequence = (sequences[channel] ?? 0) + 1;
    sequences[channel] = sequence;
    const order = history.addOrder(day, second, channel, store, sequence);
    if (trial) {
      history.trial[order] = 1;
      const product = itemAt(TRIAL_PRODUCT, series);
      history.addLine(order, product, 1, itemAt(PRODUCTS, product).price);
    } else {
      history.coupon[order] = pickCoupon(random, context, profile, day, channel, previousWasTrial);
      addBasket(history, random, order, series, profile.loyal);
    }

    const keep = trial ? keepAfterTrial : profile.loyal ? LOYAL_KEEP : itemAt(CASUAL_KEEP_BY_ORDER, Math.min(n, 2));
    if (!random.chance(keep)) break;
    // A trial set lasts one to two weeks; full-size products last a customer-specific cycle.
    const gap = trial ? 7 + random.gamma(14, 3) : random.gamma(profile.cycleDays, profile.cycleShape);
    day += Math.max(MIN_GAP_DAYS, Math.round(gap));
    if (day > last) break;

    const ecOpen = isOpen(profile.ec, day);
    const storeOpen = isOpen(profile.pos, day);
    if (ecOpen && storeOpen) channel = random.chance(profile.storeShare) ? OrderChannel.store : OrderChannel.ec;
    else channel = storeOpen ? OrderChannel.store : OrderChannel.ec;
    if (channel === OrderChannel.store) {
      store = pickStore(random, profile);
      // Store visits bunch at weekends: some weekday visits move to the coming Saturday.
      const weekday = calendar.weekday(day);
      if (weekday >= 1 && weekday <= 5 && random.chance(0.3) && day + 6 - weekday <= last) day += 6 - weekday;
      second = storeSecond(random, store);
    } else {
      store = -1;
      second = onlineSecond(random);
    }

    previousWasTrial = trial;
    trial = false;
    if (!previousWasTrial && random.chance(switchSeries)) {
      series = itemAt(NEXT_SERIES_TABLES, series).pick(random);
      // Moving to a new line often starts with its trial set.
      trial = channel === OrderChannel.ec && random.chance(0.3);
    }
  }
}
