/**
 * A small, hand-checkable shop for the integration test of compiled rules: six active customers,
 * one merged record and one customer of another workspace (who must never match). The reference
 * time is 2026-03-01 00:00 in Tokyo; every expected member list in the spec can be worked out from
 * the rows below.
 */
export const REFERENCE_TIME = new Date('2026-03-01T00:00:00+09:00');

export const CUSTOMER_NAMES = ['hanako', 'ichiro', 'misaki', 'ken', 'sakura', 'merged', 'obrien', 'stranger'] as const;
export type CustomerName = (typeof CUSTOMER_NAMES)[number];

/** A family name full of SQL syntax: it must be matched as a value, never read as SQL. */
export const HOSTILE_FAMILY_NAME = `O'Brien"; DROP TABLE customer; --`;
export const HOSTILE_GIVEN_NAME = '\\$1 /* ☃ */';

export interface Queryable {
  query(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

export interface SegmentFixture {
  workspaceId: number;
  otherWorkspaceId: number;
  segmentId: number;
  ids: Record<CustomerName, number>;
  /** Customer ids back to names, in the order given. */
  names(ids: readonly number[]): string[];
}

interface CustomerRow {
  family: string;
  given: string | null;
  kana: string | null;
  gender: string | null;
  birth: string | null;
  prefecture: string | null;
  city: string | null;
  registered: string | null;
  attributes: Record<string, unknown>;
  merged?: boolean;
}

export const CUSTOMERS: Record<CustomerName, CustomerRow> = {
  hanako: {
    family: '佐藤',
    given: '花子',
    kana: 'サトウ',
    gender: 'female',
    birth: '1990-03-15',
    prefecture: '東京都',
    city: '渋谷区',
    registered: '2025-01-10T10:00:00+09:00',
    attributes: { plan: 'gold', children: '2' },
  },
  ichiro: {
    family: '鈴木',
    given: '一郎',
    kana: 'スズキ',
    gender: 'male',
    birth: '1985-11-30',
    prefecture: '大阪府',
    city: '大阪市',
    registered: '2026-02-20T09:00:00+09:00',
    attributes: { plan: 'silver', children: 3 },
  },
  misaki: {
    family: '高橋',
    given: '美咲',
    kana: 'タカハシ',
    gender: 'female',
    birth: null,
    prefecture: '東京都',
    city: '新宿区',
    registered: null,
    attributes: { children: 'unknown' },
  },
  ken: {
    family: '田中',
    given: '健',
    kana: 'タナカ',
    gender: 'male',
    birth: '1978-03-01',
    prefecture: '北海道',
    city: '札幌市',
    registered: '2023-05-05T12:00:00+09:00',
    attributes: { plan: 'gold' },
  },
  sakura: {
    family: '伊藤',
    given: 'さくら',
    kana: 'イトウ',
    gender: null,
    birth: '2000-07-07',
    prefecture: '福岡県',
    city: '福岡市',
    registered: '2026-01-05T23:30:00+09:00',
    attributes: {},
  },
  merged: {
    family: '佐藤',
    given: '花子',
    kana: 'サトウ',
    gender: 'female',
    birth: '1990-03-15',
    prefecture: '東京都',
    city: '渋谷区',
    registered: '2024-01-01T10:00:00+09:00',
    attributes: { plan: 'gold' },
    merged: true,
  },
  // Registered 2026-01-06 08:00 in Tokyo, which is still 2026-01-05 in UTC.
  obrien: {
    family: HOSTILE_FAMILY_NAME,
    given: HOSTILE_GIVEN_NAME,
    kana: null,
    gender: 'other',
    birth: null,
    prefecture: null,
    city: null,
    registered: '2026-01-06T08:00:00+09:00',
    attributes: {},
  },
  stranger: {
    family: '佐藤',
    given: '花子',
    kana: 'サトウ',
    gender: 'female',
    birth: '1990-03-15',
    prefecture: '東京都',
    city: '渋谷区',
    registered: '2025-01-10T10:00:00+09:00',
    attributes: { plan: 'gold', children: '2' },
  },
};
