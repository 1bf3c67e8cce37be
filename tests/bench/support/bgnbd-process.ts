import type { BgNbdParameters, GammaGammaParameters } from '@kizuna/scoring';
import { seededRandom } from '../../../libs/analytics/src/testing/seeded-random';

/** Purchases as columns (a million customers' purchases as objects would be gigabytes). */
export interface SyntheticPurchases {
  customers: number;
  count: number;
  customerOf: Int32Array;
  dayOf: Int32Array;
  amountOf: Int32Array;
}

export interface BgNbdProcess {
  customers: number;
  bgNbd: BgNbdParameters;
  gammaGamma: GammaGammaParameters;
  /** First purchases fall uniformly on days [0, acquisitionDays). */
  acquisitionDays: number;
  /** Purchases are drawn up to this day, included. */
  calibrationEndDay: number;
  seed: number;
}

/**
 * Purchases drawn from the BG/NBD story (Fader, Hardie & Lee 2005, section 2) in days: each
 * customer's rate lambda ~ Gamma(r, alpha) and dropout probability p ~ Beta(a, b); after the first
 * purchase, purchases arrive as a Poisson process until, just after a repeat purchase, the customer
 * leaves with probability p. Values follow Gamma-Gamma: nu ~ Gamma(q, gamma), each value ~ Gamma(p, nu).
 * Times are cut to whole days, as the engine stores them.
 */
export function drawBgNbdPurchases(process: BgNbdProcess): SyntheticPurchases {
  const random = seededRandom(process.seed);
  const { r, alpha, a, b } = process.bgNbd;
  const spend = process.gammaGamma;
  let capacity = process.customers * 4;
  let customerOf = new Int32Array(capacity);
  let dayOf = new Int32Array(capacity);
  let amountOf = new Int32Array(capacity);
  let count = 0;
  const push = (customer: number, day: number, amount: number) => {
    if (count === capacity) {
      capacity *= 2;
      customerOf = grow(customerOf, capacity);
      dayOf = grow(dayOf, capacity);
      amountOf = grow(amountOf, capacity);
    }
    customerOf[count] = customer;
    dayOf[count] = day;
    amountOf[count] = amount;
    count++;
  };
  for (let customer = 1; customer <= process.customers; customer++) {
    const first = Math.floor(random() * process.acquisitionDays);
    const age = process.calibrationEndDay + 1 - first;
    const rate = gamma(random, r) / alpha;
    const dropout = beta(random, a, b);
    const scale = gamma(random, spend.q) / spend.gamma;
    const value = () => Math.max(1, Math.round(gamma(random, spend.p) / scale));
    push(customer, first, value());
    let t = 0;
    for (;;) {
      t += -Math.log(1 - random()) / rate;
      if (t >= age) break;
      push(customer, first + Math.floor(t), value());
      if (random() < dropout) break;
    }
  }
  return {
    customers: process.customers,
    count,
    customerOf: customerOf.subarray(0, count),
    dayOf: dayOf.subarray(0, count),
    amountOf: amountOf.subarray(0, count),
  };
}

function grow(array: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(size);
  grown.set(array);
  return grown;
}

function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** Gamma(shape, 1) by Marsaglia & Tsang (2000); shapes below 1 boosted by U^(1/shape). */
function gamma(random: () => number, shape: number): number {
  if (shape < 1) return gamma(random, shape + 1) * Math.pow(1 - random(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - random();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

function beta(random: () => number, a: number, b: number): number {
  const x = gamma(random, a);
  return x / (x + gamma(random, b));
}
