import { PREFECTURES, type Region } from './prefectures';

/** The brand's directly managed counters, in department stores and station buildings. */
export interface Store {
  /** 'S012'. */
  readonly id: string;
  readonly name: string;
  readonly prefecture: string;
  /** Opening hours as seconds of the day: store receipts fall inside them. */
  readonly opensAt: number;
  readonly closesAt: number;
}

type StoreRow = readonly [name: string, prefecture: string, opensAtHour: number, closesAtHour: number];

// prettier-ignore
const STORE_ROWS: readonly StoreRow[] = [
  ['銀座', '東京都', 11, 20], ['新宿', '東京都', 10, 21], ['池袋', '東京都', 10, 21], ['二子玉川', '東京都', 10, 20],
  ['横浜', '神奈川県', 10, 20], ['大宮', '埼玉県', 10, 20], ['船橋', '千葉県', 10, 20], ['札幌', '北海道', 10, 20],
  ['仙台', '宮城県', 10, 20], ['名古屋栄', '愛知県', 10, 20], ['名古屋駅', '愛知県', 10, 21], ['静岡', '静岡県', 10, 19],
  ['梅田', '大阪府', 10, 21], ['心斎橋', '大阪府', 11, 21], ['京都', '京都府', 10, 20], ['神戸三宮', '兵庫県', 10, 20],
  ['広島', '広島県', 10, 20], ['岡山', '岡山県', 10, 19], ['高松', '香川県', 10, 19], ['博多', '福岡県', 10, 21],
  ['天神', '福岡県', 10, 20], ['鹿児島', '鹿児島県', 10, 19],
];

export const STORES: readonly Store[] = STORE_ROWS.map(([name, prefecture, opensAtHour, closesAtHour], index) => ({
  id: `S${String(index + 1).padStart(3, '0')}`,
  name,
  prefecture,
  opensAt: opensAtHour * 3600,
  closesAt: closesAtHour * 3600,
}));

/**
 * For each prefecture (by index), the stores its members shop at: those in the prefecture, else those
 * in its region (every region has a store), so a member in 奈良県 shops at 梅田 or 京都.
 */
export const STORES_BY_PREFECTURE: readonly (readonly number[])[] = PREFECTURES.map((prefecture) => {
  const local = STORES.flatMap((store, index) => (store.prefecture === prefecture.name ? [index] : []));
  if (local.length > 0) return local;
  return STORES.flatMap((store, index) => (regionOf(store.prefecture) === prefecture.region ? [index] : []));
});

function regionOf(prefectureName: string): Region | undefined {
  return PREFECTURES.find((prefecture) => prefecture.name === prefectureName)?.region;
}
