import type { Random } from './random';
import { itemAt } from './lists';
import { WeightedTable } from './weighted-table';

/** A name as a customer writes it: kanji, katakana reading (furigana), and the romaji used in emails. */
export interface JapaneseName {
  readonly kanji: string;
  readonly kana: string;
  readonly romaji: string;
}

type NameRow = readonly [kanji: string, kana: string, romaji: string];

/**
 * The 100 most common family names, in rank order (名字由来net / 明治安田生命 surveys). Frequency
 * falls off roughly as 1/(rank + 8), which keeps 佐藤 and 鈴木 at about 1.5% each like the real census.
 */
// prettier-ignore
const FAMILY_NAMES: readonly NameRow[] = [
  ['佐藤', 'サトウ', 'sato'], ['鈴木', 'スズキ', 'suzuki'], ['高橋', 'タカハシ', 'takahashi'], ['田中', 'タナカ', 'tanaka'],
  ['伊藤', 'イトウ', 'ito'], ['渡辺', 'ワタナベ', 'watanabe'], ['山本', 'ヤマモト', 'yamamoto'], ['中村', 'ナカムラ', 'nakamura'],
  ['小林', 'コバヤシ', 'kobayashi'], ['加藤', 'カトウ', 'kato'], ['吉田', 'ヨシダ', 'yoshida'], ['山田', 'ヤマダ', 'yamada'],
  ['佐々木', 'ササキ', 'sasaki'], ['山口', 'ヤマグチ', 'yamaguchi'], ['松本', 'マツモト', 'matsumoto'], ['井上', 'イノウエ', 'inoue'],
  ['木村', 'キムラ', 'kimura'], ['林', 'ハヤシ', 'hayashi'], ['斎藤', 'サイトウ', 'saito'], ['清水', 'シミズ', 'shimizu'],
  ['山崎', 'ヤマザキ', 'yamazaki'], ['森', 'モリ', 'mori'], ['池田', 'イケダ', 'ikeda'], ['橋本', 'ハシモト', 'hashimoto'],
  ['阿部', 'アベ', 'abe'], ['石川', 'イシカワ', 'ishikawa'], ['山下', 'ヤマシタ', 'yamashita'], ['中島', 'ナカジマ', 'nakajima'],
  ['石井', 'イシイ', 'ishii'], ['小川', 'オガワ', 'ogawa'], ['前田', 'マエダ', 'maeda'], ['岡田', 'オカダ', 'okada'],
  ['長谷川', 'ハセガワ', 'hasegawa'], ['藤田', 'フジタ', 'fujita'], ['後藤', 'ゴトウ', 'goto'], ['近藤', 'コンドウ', 'kondo'],
  ['村上', 'ムラカミ', 'murakami'], ['遠藤', 'エンドウ', 'endo'], ['青木', 'アオキ', 'aoki'], ['坂本', 'サカモト', 'sakamoto'],
  ['斉藤', 'サイトウ', 'saito'], ['福田', 'フクダ', 'fukuda'], ['太田', 'オオタ', 'ota'], ['西村', 'ニシムラ', 'nishimura'],
  ['藤井', 'フジイ', 'fujii'], ['金子', 'カネコ', 'kaneko'], ['岡本', 'オカモト', 'okamoto'], ['藤原', 'フジワラ', 'fujiwara'],
  ['中野', 'ナカノ', 'nakano'], ['三浦', 'ミウラ', 'miura'], ['原田', 'ハラダ', 'harada'], ['中川', 'ナカガワ', 'nakagawa'],
  ['松田', 'マツダ', 'matsuda'], ['竹内', 'タケウチ', 'takeuchi'], ['小野', 'オノ', 'ono'], ['田村', 'タムラ', 'tamura'],
  ['中山', 'ナカヤマ', 'nakayama'], ['和田', 'ワダ', 'wada'], ['石田', 'イシダ', 'ishida'], ['森田', 'モリタ', 'morita'],
  ['上田', 'ウエダ', 'ueda'], ['原', 'ハラ', 'hara'], ['内田', 'ウチダ', 'uchida'], ['柴田', 'シバタ', 'shibata'],
  ['酒井', 'サカイ', 'sakai'], ['宮崎', 'ミヤザキ', 'miyazaki'], ['横山', 'ヨコヤマ', 'yokoyama'], ['高木', 'タカギ', 'takagi'],
  ['安藤', 'アンドウ', 'ando'], ['宮本', 'ミヤモト', 'miyamoto'], ['大野', 'オオノ', 'ono'], ['小島', 'コジマ', 'kojima'],
  ['谷口', 'タニグチ', 'taniguchi'], ['工藤', 'クドウ', 'kudo'], ['今井', 'イマイ', 'imai'], ['高田', 'タカダ', 'takada'],
  ['増田', 'マスダ', 'masuda'], ['丸山', 'マルヤマ', 'maruyama'], ['杉山', 'スギヤマ', 'sugiyama'], ['村田', 'ムラタ', 'murata'],
  ['大塚', 'オオツカ', 'otsuka'], ['新井', 'アライ', 'arai'], ['小山', 'コヤマ', 'koyama'], ['平野', 'ヒラノ', 'hirano'],
  ['藤本', 'フジモト', 'fujimoto'], ['河野', 'コウノ', 'kono'], ['上野', 'ウエノ', 'ueno'], ['野口', 'ノグチ', 'noguchi'],
  ['武田', 'タケダ', 'takeda'], ['松井', 'マツイ', 'matsui'], ['千葉', 'チバ', 'chiba'], ['岩崎', 'イワサキ', 'iwasaki'],
  ['菅原', 'スガワラ', 'sugawara'], ['木下', 'キノシタ', 'kinoshita'], ['久保', 'クボ', 'kubo'], ['佐野', 'サノ', 'sano'],
  ['野村', 'ノムラ', 'nomura'], ['松尾', 'マツオ', 'matsuo'], ['菊地', 'キクチ', 'kikuchi'], ['杉本', 'スギモト', 'sugimoto'],
];

/** Women's given names by the generation in which they were popular (明治安田生命 名前ランキング). */
// prettier-ignore
const FEMALE_NAMES_BORN_BEFORE_1975: readonly NameRow[] = [
  ['恵子', 'ケイコ', 'keiko'], ['京子', 'キョウコ', 'kyoko'], ['幸子', 'サチコ', 'sachiko'], ['洋子', 'ヨウコ', 'yoko'],
  ['和子', 'カズコ', 'kazuko'], ['久美子', 'クミコ', 'kumiko'], ['由美子', 'ユミコ', 'yumiko'], ['明美', 'アケミ', 'akemi'],
  ['真由美', 'マユミ', 'mayumi'], ['直美', 'ナオミ', 'naomi'], ['智子', 'トモコ', 'tomoko'], ['裕子', 'ユウコ', 'yuko'],
  ['紀子', 'ノリコ', 'noriko'], ['陽子', 'ヨウコ', 'yoko'], ['順子', 'ジュンコ', 'junko'], ['弘美', 'ヒロミ', 'hiromi'],
];
// prettier-ignore
const FEMALE_NAMES_BORN_1975_TO_1990: readonly NameRow[] = [
  ['愛', 'アイ', 'ai'], ['彩', 'アヤ', 'aya'], ['舞', 'マイ', 'mai'], ['麻衣', 'マイ', 'mai'], ['香織', 'カオリ', 'kaori'],
  ['沙織', 'サオリ', 'saori'], ['恵', 'メグミ', 'megumi'], ['理恵', 'リエ', 'rie'], ['由佳', 'ユカ', 'yuka'],
  ['美穂', 'ミホ', 'miho'], ['友美', 'トモミ', 'tomomi'], ['千尋', 'チヒロ', 'chihiro'], ['美香', 'ミカ', 'mika'],
  ['加奈子', 'カナコ', 'kanako'], ['真理子', 'マリコ', 'mariko'], ['瞳', 'ヒトミ', 'hitomi'], ['由紀', 'ユキ', 'yuki'],
  ['優子', 'ユウコ', 'yuko'], ['千春', 'チハル', 'chiharu'], ['早苗', 'サナエ', 'sanae'],
];
// prettier-ignore
const FEMALE_NAMES_BORN_AFTER_1990: readonly NameRow[] = [
  ['美咲', 'ミサキ', 'misaki'], ['陽菜', 'ヒナ', 'hina'], ['結衣', 'ユイ', 'yui'], ['葵', 'アオイ', 'aoi'],
  ['さくら', 'サクラ', 'sakura'], ['七海', 'ナナミ', 'nanami'], ['彩花', 'アヤカ', 'ayaka'], ['真央', 'マオ', 'mao'],
  ['里奈', 'リナ', 'rina'], ['遥', 'ハルカ', 'haruka'], ['萌', 'モエ', 'moe'], ['美月', 'ミヅキ', 'mizuki'],
  ['杏奈', 'アンナ', 'anna'], ['奈々', 'ナナ', 'nana'], ['佳奈', 'カナ', 'kana'], ['莉子', 'リコ', 'riko'],
  ['芽衣', 'メイ', 'mei'], ['夏美', 'ナツミ', 'natsumi'],
];
// prettier-ignore
const MALE_NAMES: readonly NameRow[] = [
  ['大輔', 'ダイスケ', 'daisuke'], ['健太', 'ケンタ', 'kenta'], ['翔太', 'ショウタ', 'shota'], ['拓也', 'タクヤ', 'takuya'],
  ['誠', 'マコト', 'makoto'], ['浩二', 'コウジ', 'koji'], ['直樹', 'ナオキ', 'naoki'], ['和也', 'カズヤ', 'kazuya'],
  ['隆', 'タカシ', 'takashi'], ['健一', 'ケンイチ', 'kenichi'], ['達也', 'タツヤ', 'tatsuya'], ['亮', 'リョウ', 'ryo'],
  ['蓮', 'レン', 'ren'], ['悠斗', 'ユウト', 'yuto'], ['陽介', 'ヨウスケ', 'yosuke'], ['雄太', 'ユウタ', 'yuta'],
  ['修', 'オサム', 'osamu'], ['大樹', 'ダイキ', 'daiki'],
];
// prettier-ignore
const UNISEX_NAMES: readonly NameRow[] = [
  ['薫', 'カオル', 'kaoru'], ['翼', 'ツバサ', 'tsubasa'], ['真琴', 'マコト', 'makoto'], ['光', 'ヒカル', 'hikaru'],
  ['渚', 'ナギサ', 'nagisa'], ['優', 'ユウ', 'yu'],
];

function toNames(rows: readonly NameRow[]): JapaneseName[] {
  return rows.map(([kanji, kana, romaji]) => ({ kanji, kana, romaji }));
}

const familyNames = toNames(FAMILY_NAMES);
const familyNameTable = new WeightedTable(familyNames.map((_, rank) => 1 / (rank + 8)));
const femaleByGeneration = [
  toNames(FEMALE_NAMES_BORN_BEFORE_1975),
  toNames(FEMALE_NAMES_BORN_1975_TO_1990),
  toNames(FEMALE_NAMES_BORN_AFTER_1990),
];
const maleNames = toNames(MALE_NAMES);
const unisexNames = toNames(UNISEX_NAMES);

export function pickFamilyName(random: Random): JapaneseName {
  return itemAt(familyNames, familyNameTable.pick(random));
}

export type Gender = 'female' | 'male' | 'other';

/** Given names follow the fashion of the birth year, so a 1968-born 恵子 and a 1998-born 陽菜 look right. */
export function pickGivenName(random: Random, gender: Gender, birthYear: number): JapaneseName {
  if (gender === 'male') return random.pick(maleNames);
  if (gender === 'other') return random.pick(unisexNames);
  const generation = birthYear < 1975 ? 0 : birthYear <= 1990 ? 1 : 2;
  // A name outlives its peak: one in five comes from a neighbouring generation.
  const shifted = random.chance(0.2)
    ? Math.max(0, Math.min(2, generation + (random.chance(0.5) ? -1 : 1)))
    : generation;
  return random.pick(itemAt(femaleByGeneration, shifted));
}
