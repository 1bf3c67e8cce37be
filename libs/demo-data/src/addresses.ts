import { itemAt } from './lists';
import { PREFECTURES, type Prefecture } from './prefectures';
import type { Random } from './random';
import { WeightedTable } from './weighted-table';

export interface PostalAddress {
  /** 'NNN-NNNN'. */
  readonly postalCode: string;
  readonly prefecture: string;
  readonly city: string;
  /** Town, 丁目 and 番地, e.g. '本町2丁目3-15'. */
  readonly line1: string;
  /** Building and room, or '' for a house. */
  readonly line2: string;
}

const prefectureTable = new WeightedTable(PREFECTURES.map((entry) => entry.population));
const cityTables = PREFECTURES.map((entry) => new WeightedTable(entry.cities.map((city) => city.weight)));

/** Town names found in almost every Japanese city, so any of them is plausible anywhere. */
// prettier-ignore
const TOWNS: readonly string[] = [
  '本町', '中央', '栄町', '緑町', '旭町', '若葉', '桜台', '東町', '西町', '南町', '北町', '幸町', '昭和町', '大和町',
  '宮前', '富士見', '日の出町', '松原', '泉町', '春日', '寿町', '住吉町', '八幡町', '山手町', '平和町', '新町',
  '錦町', '千代田', '青葉台', 'みどり台', '桜木町', '元町', '朝日町', '末広町', '柳町', '高砂', '本郷', '梅が丘',
];

// prettier-ignore
const BUILDINGS: readonly string[] = [
  'サンハイツ', 'グランメゾン', 'コーポ', 'パークハウス', 'レジデンス', 'メゾン', 'ハイツ', 'ライオンズマンション',
  'シティハウス', 'プラウド', 'エステート', 'ヴィラ', 'クレスト', 'アーバンコート', 'ロイヤルハイツ',
];

const BUILDING_SUFFIXES: readonly string[] = ['', '壱番館', '弐番館', 'II', '東', '西', 'さくら', 'ひまわり'];

export function pickPrefectureIndex(random: Random): number {
  return prefectureTable.pick(random);
}

export function prefectureAt(index: number): Prefecture {
  return itemAt(PREFECTURES, index);
}

/** A full address in the given prefecture; about a third of customers live in an apartment building. */
export function pickAddress(random: Random, prefectureIndex: number): PostalAddress {
  const prefecture = prefectureAt(prefectureIndex);
  const city = itemAt(prefecture.cities, itemAt(cityTables, prefectureIndex).pick(random));
  const postalCode = `${random.pick(city.postalPrefixes)}-${String(random.below(10_000)).padStart(4, '0')}`;
  const town = random.pick(TOWNS);
  const chome = random.between(1, 6);
  const ban = random.between(1, 30);
  const go = random.between(1, 25);
  // Both spellings appear in real forms: '本町2丁目3-15' and '本町2-3-15'.
  const line1 = random.chance(0.5) ? `${town}${chome}丁目${ban}-${go}` : `${town}${chome}-${ban}-${go}`;
  let line2 = '';
  if (random.chance(0.35)) {
    const room = random.between(1, 12) * 100 + random.between(1, 10);
    line2 = `${random.pick(BUILDINGS)}${random.pick(BUILDING_SUFFIXES)} ${room}${random.chance(0.3) ? '号室' : ''}`;
  }
  return { postalCode, prefecture: prefecture.name, city: city.name, line1, line2 };
}
