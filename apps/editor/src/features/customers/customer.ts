import type { CustomerActivity } from './customer-activity';

export interface CustomerSummary {
  id: number;
  displayName: string | null;
  email: string | null;
  phone: string | null;
  memberNo: string | null;
  ordersCount: number;
  lastOrderAt: string | null;
}

export interface CustomerPersonalProfile {
  familyName: string | null;
  givenName: string | null;
  familyNameKana: string | null;
  givenNameKana: string | null;
  gender: string | null;
  birthDate: string | null;
  postalCode: string | null;
  prefecture: string | null;
  city: string | null;
  addressLine1: string | null;
  addressLine2: string | null;
  registeredAt: string | null;
}

export const IDENTITY_KINDS = ['email', 'phone', 'line', 'member', 'external'] as const;
export type IdentityKind = (typeof IDENTITY_KINDS)[number];

export interface CustomerIdentity {
  kind: IdentityKind;
  source: string;
  value: string;
  createdAt: string;
}

export const CONSENT_CHANNELS = ['email', 'line', 'sms', 'dm'] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];

export interface CustomerConsent {
  channel: ConsentChannel;
  status: 'granted' | 'revoked';
  recordedAt: string;
  source: string;
}

export interface CustomerMerge {
  id: number;
  survivorId: number;
  mergedId: number;
  reason: unknown;
  origin: string;
  createdAt: string;
}

export interface CustomerOrder {
  id: number;
  externalId: string;
  source: string;
  channel: 'store' | 'ec';
  orderedAt: string;
  totalAmount: number;
  lines: number;
}

/** GET /api/v1/customers/:id: the record, its identities and purchases, and the engine's activity with it. */
export interface CustomerProfile extends CustomerActivity {
  id: number;
  status: 'active' | 'merged';
  mergedIntoId: number | null;
  profile: CustomerPersonalProfile;
  attributes: Record<string, unknown>;
  identities: CustomerIdentity[];
  sources: string[];
  consents: CustomerConsent[];
  stats: {
    orders: number;
    totalSpend: number;
    firstOrderAt: string | null;
    lastOrderAt: string | null;
    events: number;
  };
  merges: CustomerMerge[];
  recentOrders: CustomerOrder[];
  /** Null before the first analytics refresh, or for a customer without purchases. */
  analytics: CustomerAnalytics | null;
  /** The segments the customer is in now, most recent entry first. */
  segments: CustomerSegment[];
}

export interface PreferenceShare {
  name: string;
  spend: number;
  /** Of the customer's revenue, 0–1. */
  share: number;
}

/** The customer's figures from the last analytics refresh (docs/analytics.md). */
export interface CustomerAnalytics {
  referenceAt: string;
  recencyDays: number | null;
  frequency: number;
  monetary: number;
  returnedAmount: number;
  rScore: number | null;
  fScore: number | null;
  mScore: number | null;
  rfmRank: string | null;
  rfStage: string | null;
  decile: number | null;
  stableSegment: string | null;
  usualIntervalDays: number | null;
  rankDown: boolean;
  expectedLoss: number;
  preferences: { tags: PreferenceShare[]; series: PreferenceShare[] };
}

export interface CustomerSegment {
  id: number;
  name: string;
  enteredAt: string;
}

export interface NamePart {
  text: string;
  /** Reading in katakana, shown as ruby above the name; null when unknown. */
  reading: string | null;
}

/**
 * A Japanese name as 姓 名 (family name first, in every UI language) with its reading. A part with
 * only its kana known shows the kana as the name. Empty when neither is known.
 */
export function nameParts(
  profile: Pick<CustomerPersonalProfile, 'familyName' | 'givenName' | 'familyNameKana' | 'givenNameKana'>,
): NamePart[] {
  const parts: NamePart[] = [];
  for (const [name, kana] of [
    [profile.familyName, profile.familyNameKana],
    [profile.givenName, profile.givenNameKana],
  ] as const) {
    const text = name?.trim() || null;
    const reading = kana?.trim() || null;
    if (text) parts.push({ text, reading });
    else if (reading) parts.push({ text: reading, reading: null });
  }
  return parts;
}

/** Identities by kind, kinds in a fixed order (email first), oldest identity first within a kind. */
export function groupIdentities(
  identities: readonly CustomerIdentity[],
): { kind: IdentityKind; identities: CustomerIdentity[] }[] {
  return IDENTITY_KINDS.map((kind) => ({
    kind,
    identities: identities
      .filter((identity) => identity.kind === kind)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
  })).filter((group) => group.identities.length > 0);
}

/** The latest recorded decision per channel, every channel listed (null when never recorded). */
export function latestConsents(
  consents: readonly CustomerConsent[],
): { channel: ConsentChannel; consent: CustomerConsent | null }[] {
  return CONSENT_CHANNELS.map((channel) => {
    let latest: CustomerConsent | null = null;
    for (const consent of consents) {
      if (consent.channel !== channel) continue;
      if (!latest || Date.parse(consent.recordedAt) > Date.parse(latest.recordedAt)) latest = consent;
    }
    return { channel, consent: latest };
  });
}

/** A merge reason as one line: the engine stores it as JSON (e.g. the shared identity), or as text. */
export function describeMergeReason(reason: unknown): string | null {
  if (reason === null || reason === undefined || reason === '') return null;
  if (typeof reason === 'string') return reason;
  if (typeof reason === 'number' || typeof reason === 'boolean') return String(reason);
  if (typeof reason === 'object' && !Array.isArray(reason)) {
    return Object.entries(reason as Record<string, unknown>)
      .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
      .join(', ');
  }
  return JSON.stringify(reason);
}

/** A custom attribute value as text. */
export function describeAttribute(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** `東京都`, `渋谷区`, `神宮前1-2-3`, `○○ビル 4F` → `東京都渋谷区神宮前1-2-3 ○○ビル 4F` (Japanese order, building after a space). */
export function formatAddress(
  profile: Pick<CustomerPersonalProfile, 'prefecture' | 'city' | 'addressLine1' | 'addressLine2'>,
): string | null {
  const street = [profile.prefecture, profile.city, profile.addressLine1].map((part) => part?.trim() ?? '').join('');
  const full = [street, profile.addressLine2?.trim() ?? ''].filter(Boolean).join(' ');
  return full || null;
}

/** A route parameter that names a customer: a positive integer, else null. */
export function parseCustomerId(param: string | undefined): number | null {
  if (!param || !/^[1-9]\d{0,15}$/.test(param)) return null;
  const id = Number(param);
  return Number.isSafeInteger(id) ? id : null;
}

/** `R3 F2 M4` from the three scores, null when none is known. */
export function rfmScores(analytics: Pick<CustomerAnalytics, 'rScore' | 'fScore' | 'mScore'>): string | null {
  const parts = [
    ['R', analytics.rScore],
    ['F', analytics.fScore],
    ['M', analytics.mScore],
  ] as const;
  const known = parts.filter(([, score]) => score !== null);
  return known.length > 0 ? known.map(([letter, score]) => `${letter}${score}`).join(' ') : null;
}

/** The customer's largest shares of spend, largest first (the engine sorts them), at most `limit`. */
export function topPreferences(shares: readonly PreferenceShare[], limit = 3): PreferenceShare[] {
  return shares.filter((share) => share.share > 0).slice(0, limit);
}

/** RFM rank and stable-segment codes (libs/segments); their labels are the segment rule dictionary's. */
export const RFM_RANKS = ['loyal', 'semi_loyal', 'general', 'lapsed'] as const;
export type RfmRank = (typeof RFM_RANKS)[number];
export const STABLE_SEGMENTS = ['core', 'steady', 'big_spot', 'light', 'one_time', 'dormant'] as const;
export type StableSegment = (typeof STABLE_SEGMENTS)[number];

export const isRfmRank = (code: string): code is RfmRank => (RFM_RANKS as readonly string[]).includes(code);
export const isStableSegment = (code: string): code is StableSegment =>
  (STABLE_SEGMENTS as readonly string[]).includes(code);

/** The stage groups of the workspace's RF matrix settings (GET /api/v1/analytics/settings). */
export interface RfStageGroups {
  frequencyGroups: readonly { code: string; label: string }[];
  recencyGroups: readonly { code: string; label: string }[];
}

/**
 * `promising_active` → `有望現役`: a stage is a purchase-count group and a recency group, named by
 * the workspace (docs/analytics.md). Null when the code is not one of the groups' pairs.
 */
export function rfStageLabel(code: string, groups: RfStageGroups | undefined): string | null {
  for (const frequency of groups?.frequencyGroups ?? []) {
    for (const recency of groups?.recencyGroups ?? []) {
      if (`${frequency.code}_${recency.code}` === code) return `${frequency.label}${recency.label}`;
    }
  }
  return null;
}
