import { pickPrefectureIndex } from './addresses';
import { SERIES } from './catalogue';
import { civilFromDays, SECONDS_PER_DAY } from './calendar';
import type { DemoContext } from './demo-context';
import { itemAt } from './lists';
import type { Gender } from './names';
import { Random, Stream } from './random';
import { STORES_BY_PREFECTURE } from './stores';
import { onlineSecond, storeSecond } from './time-of-day';
import { WeightedTable } from './weighted-table';

/** When a customer's record in one source system was created: a day index in the window and a second. */
export interface Membership {
  readonly day: number;
  readonly second: number;
}

/**
 * Which identities each source record carries. Records of one person share values (same phone, same
 * card), so whichever identity two records both carry links them.
 */
export interface IdentityLinks {
  readonly ecPhone: boolean;
  /** Card linked on the EC site (会員証連携). */
  readonly ecMemberNo: boolean;
  /** Logged in to the EC site with LINE (LINEログイン). */
  readonly ecLineUserId: boolean;
  readonly posPhone: boolean;
  readonly posEmail: boolean;
  /** Card linked in the LINE account (LINEミニアプリ会員証). */
  readonly lineMemberNo: boolean;
}

export type AddressCompleteness = 'full' | 'partial' | 'none';

export interface FirstOrder {
  readonly day: number;
  readonly second: number;
  readonly channel: 'ec' | 'store';
}

/** Everything cheap about customer i that several tables need; names and addresses live in customer-details. */
export interface CustomerProfile {
  readonly index: number;
  readonly ec: Membership | undefined;
  readonly pos: Membership | undefined;
  readonly line: Membership | undefined;
  readonly links: IdentityLinks;
  readonly gender: Gender;
  /** Day number (days since 1970-01-01). */
  readonly birthDay: number;
  readonly birthYear: number;
  readonly birthMonth: number;
  readonly prefectureIndex: number;
  readonly homeStore: number;
  /** How much of the address the store member form holds (the EC site always requires all of it). */
  readonly posAddress: AddressCompleteness;
  readonly firstOrder: FirstOrder | undefined;
  /** Replenishment buyer: keeps buying on a regular cycle until they churn. */
  readonly loyal: boolean;
  /** Mean days between purchases and the Erlang shape (higher = more regular). */
  readonly cycleDays: number;
  readonly cycleShape: number;
  /** Share of orders placed in store once the customer has both a store card and an EC account. */
  readonly storeShare: number;
  readonly firstOrderIsTrial: boolean;
  readonly homeSeries: number;
  /** How a LINE friend found the account (attribute of the LINE record and of its follow event). */
  readonly lineFriendSource: string;
}

/**
 * Which systems a person is in. About one in five is in two or three, the figure D2C brands with
 * stores typically report for omnichannel members, and which gives identity resolution real work.
 */
const SOURCE_MIXES = [
  { ec: true, pos: false, line: false, weight: 47 },
  { ec: false, pos: true, line: false, weight: 24 },
  { ec: false, pos: false, line: true, weight: 8 },
  { ec: true, pos: true, line: false, weight: 5 },
  { ec: true, pos: false, line: true, weight: 5 },
  { ec: false, pos: true, line: true, weight: 6 },
  { ec: true, pos: true, line: true, weight: 5 },
] as const;
const sourceMixTable = new WeightedTable(SOURCE_MIXES.map((mix) => mix.weight));

/** Customer growth: acquisition density rises linearly to twice its initial level over the window. */
const ACQUISITION_GROWTH = 1;

/** Ages at asOf by decade, 20s to 60s: the core of a mid-priced skincare brand is 30-49. */
const AGE_DECADES = new WeightedTable([18, 27, 28, 18, 9]);
const GENDERS: readonly Gender[] = ['female', 'male', 'other'];
const GENDER_TABLE = new WeightedTable([86, 12, 2]);

const LOYAL_SHARE = 0.45;
const NON_BUYING_EC_MEMBER_SHARE = 0.1;

/**
 * Which line a customer starts with depends on age and gender: anti-ageing for 45+, brightening for
 * 30-44, moisture for the young, body care more for men. Tables indexed [gender][age band].
 */
const FIRST_SERIES_TABLES: readonly (readonly WeightedTable[])[] = GENDERS.map((gender) =>
  [0, 1, 2].map((ageBand) => {
    const factor: Record<string, number> = { UR: 1, WH: 1, AG: 1, BD: 1, SP: 1 };
    if (ageBand === 0) Object.assign(factor, { UR: 1.4, AG: 0.3, SP: 0.7 });
    if (ageBand === 1) Object.assign(factor, { WH: 1.4, AG: 1.1 });
    if (ageBand === 2) Object.assign(factor, { AG: 2.5, WH: 0.8, UR: 0.8, SP: 1.3 });
    if (gender === 'male') {
      for (const [code, scale] of Object.entries({ BD: 1.8, WH: 0.6, AG: 0.7 }))
        factor[code] = (factor[code] ?? 1) * scale;
    }
    return new WeightedTable(SERIES.map((series) => series.popularity * (factor[series.code] ?? 1)));
  }),
);

/**
 * Acquisition time as a stratified quantile: customer i is acquired in order, so source ids (given in
 * index order) increase with registration date as real sequences do, and n customers cover the window
 * evenly whatever n is.
 */
function acquisitionDay(context: DemoContext, index: number, jitter: number): number {
  const quantile = (index + jitter) / Math.max(1, context.customers);
  const g = ACQUISITION_GROWTH;
  // Inverse CDF of density ∝ 1 + g·x on [0, 1].
  const x = (-1 + Math.sqrt(1 + 2 * g * quantile * (1 + g / 2))) / g;
  return Math.min(context.calendar.lastIndex, Math.floor(x * context.calendar.dayCount));
}

/** A later registration in another system: typically a few months after the first. */
function laterDay(random: Random, context: DemoContext, after: number): number {
  const last = context.calendar.lastIndex;
  const day = after + 1 + Math.floor(random.exponential(90));
  if (day <= last) return day;
  return after >= last ? last : random.between(after + 1, last);
}

function pickLinks(random: Random, ec: boolean, pos: boolean, line: boolean): IdentityLinks {
  let ecPhone = random.chance(0.65);
  let ecMemberNo = false;
  let ecLineUserId = false;
  let posPhone = random.chance(0.85);
  let posEmail = random.chance(0.2);
  let lineMemberNo = false;
  if (ec && pos && line) {
    // A chain: EC shares phone or email with POS, POS shares the card number with LINE.
    if (random.chance(0.7)) ecPhone = posPhone = true;
    else posEmail = true;
    lineMemberNo = true;
    if (random.chance(0.3)) ecLineUserId = true;
  } else if (ec && pos) {
    const roll = random.float();
    if (roll < 0.5) ecPhone = posPhone = true;
    else if (roll < 0.8) ecMemberNo = true;
    else posEmail = true;
  } else if (ec && line) {
    if (random.chance(0.65)) ecLineUserId = true;
    else ecMemberNo = lineMemberNo = true;
  } else if (pos && line) {
    lineMemberNo = true;
  }
  return { ecPhone, ecMemberNo, ecLineUserId, posPhone, posEmail, lineMemberNo };
}

/** Skews loyal cycles toward monthly replenishment while keeping them within 30-60 days. */
function squared(value: number): number {
  return value * value;
}

export function customerProfile(context: DemoContext, index: number): CustomerProfile {
  const random = new Random(context.seed, index, Stream.profile);
  const mix = itemAt(SOURCE_MIXES, sourceMixTable.pick(random));
  const acquired = acquisitionDay(context, index, random.float());
  const prefectureIndex = pickPrefectureIndex(random);
  const homeStore = random.pick(itemAt(STORES_BY_PREFECTURE, prefectureIndex));

  // The first system the person joined: EC-only and store-only people joined their one system.
  const candidates: ('ec' | 'pos' | 'line')[] = [];
  if (mix.ec) candidates.push('ec', 'ec');
  if (mix.pos) candidates.push('pos', 'pos', 'pos');
  if (mix.line && candidates.length > 0 && random.chance(0.2)) candidates.length = 0;
  if (mix.line && candidates.length === 0) candidates.push('line');
  const primary = random.pick(candidates);
  const joinedAt = (system: 'ec' | 'pos' | 'line'): Membership => {
    const day = system === primary ? acquired : laterDay(random, context, acquired);
    const second = system === 'pos' ? storeSecond(random, homeStore) : onlineSecond(random);
    return { day, second };
  };
  const ec = mix.ec ? joinedAt('ec') : undefined;
  const pos = mix.pos ? joinedAt('pos') : undefined;
  const line = mix.line ? joinedAt('line') : undefined;
  const links = pickLinks(random, mix.ec, mix.pos, mix.line);

  const gender = itemAt(GENDERS, GENDER_TABLE.pick(random));
  const age = 20 + 10 * AGE_DECADES.pick(random) + random.below(10);
  const asOfDay = context.calendar.firstDay + context.calendar.lastIndex;
  const birthDay = asOfDay - age * 365 - Math.floor(age / 4) - random.below(365);
  const birth = civilFromDays(birthDay);
  const ageBand = age < 30 ? 0 : age < 45 ? 1 : 2;
  const homeSeries = itemAt(itemAt(FIRST_SERIES_TABLES, GENDERS.indexOf(gender)), ageBand).pick(random);

  const posAddressRoll = random.float();
  const posAddress: AddressCompleteness = posAddressRoll < 0.55 ? 'full' : posAddressRoll < 0.85 ? 'partial' : 'none';

  // Store cards are issued at the register, so a store member has bought; some EC members only
  // registered (for a sample or the newsletter) and buy in store later or never.
  const ecBuys = ec !== undefined && !random.chance(NON_BUYING_EC_MEMBER_SHARE);
  let firstOrder: FirstOrder | undefined;
  const ecFirst = ec !== undefined && ecBuys && (pos === undefined || ec.day <= pos.day);
  if (ecFirst) {
    firstOrder = {
      day: ec.day,
      second: Math.min(SECONDS_PER_DAY - 1, ec.second + random.between(60, 900)),
      channel: 'ec',
    };
  } else if (pos !== undefined) {
    firstOrder = { day: pos.day, second: pos.second, channel: 'store' };
  }

  const loyal = random.chance(LOYAL_SHARE);
  return {
    index,
    ec,
    pos,
    line,
    links,
    gender,
    birthDay,
    birthYear: birth.year,
    birthMonth: birth.month,
    prefectureIndex,
    homeStore,
    posAddress,
    firstOrder,
    loyal,
    cycleDays: loyal ? 30 + 30 * squared(random.float()) : 60 + 90 * random.float(),
    cycleShape: loyal ? random.between(3, 6) : 2,
    storeShare: 0.2 + 0.6 * random.float(),
    firstOrderIsTrial: random.chance(firstOrder?.channel === 'ec' ? 0.6 : 0.15),
    homeSeries,
    lineFriendSource: friendSource(random, primary),
  };
}

/** Store members follow from the counter's QR code, EC buyers from the flyer in the parcel. */
function friendSource(random: Random, primary: 'ec' | 'pos' | 'line'): string {
  const roll = random.float();
  if (primary === 'pos') return roll < 0.7 ? '店頭QR' : roll < 0.9 ? 'Instagram' : '友だち紹介';
  if (primary === 'ec') return roll < 0.5 ? 'EC同梱チラシ' : roll < 0.8 ? 'ECサイト' : 'Instagram';
  return roll < 0.6 ? '広告' : roll < 0.8 ? 'Instagram' : '友だち紹介';
}
