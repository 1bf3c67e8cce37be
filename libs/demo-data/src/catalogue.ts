import { itemAt } from './lists';
import { WeightedTable } from './weighted-table';

/** A product line. Customers stay in a line for months and move between lines along `nextSeries`. */
export interface Series {
  readonly code: string;
  readonly name: string;
  readonly category: string;
  /** Relative chance that a customer starts with this line (before age adjustments). */
  readonly popularity: number;
  /**
   * Where customers of this line go next, as weights by series code. うるおい (moisture) buyers most
   * often graduate to エイジングケア as they age, エイジングケア buyers add supplements, and so on.
   */
  readonly nextSeries: Readonly<Record<string, number>>;
}

export interface Product {
  readonly sku: string;
  readonly name: string;
  readonly seriesIndex: number;
  readonly category: string;
  readonly price: number;
  readonly tags: readonly string[];
  readonly isTrial: boolean;
  /** How often the product is in a regular order of its line (化粧水 nearly always, masks rarely). */
  readonly basketWeight: number;
}

export const SERIES: readonly Series[] = [
  {
    code: 'UR',
    name: 'うるおいライン',
    category: 'スキンケア',
    popularity: 35,
    nextSeries: { WH: 25, AG: 45, BD: 20, SP: 10 },
  },
  {
    code: 'WH',
    name: 'ホワイトライン',
    category: 'スキンケア',
    popularity: 22,
    nextSeries: { UR: 20, AG: 50, BD: 15, SP: 15 },
  },
  {
    code: 'AG',
    name: 'エイジングケアライン',
    category: 'スキンケア',
    popularity: 20,
    nextSeries: { UR: 15, WH: 30, BD: 20, SP: 35 },
  },
  {
    code: 'BD',
    name: 'ボディケアライン',
    category: 'ボディケア',
    popularity: 13,
    nextSeries: { UR: 50, WH: 20, AG: 15, SP: 15 },
  },
  {
    code: 'SP',
    name: 'インナーケアサプリ',
    category: 'インナーケア',
    popularity: 10,
    nextSeries: { UR: 20, WH: 20, AG: 40, BD: 20 },
  },
];

type ProductRow = readonly [sku: string, name: string, price: number, tags: string, basketWeight: number];

/** Per series: regular products, then the trial set (お試しセット) last. Prices are tax-included yen. */
// prettier-ignore
const PRODUCT_ROWS: Readonly<Record<string, readonly ProductRow[]>> = {
  UR: [
    ['UR-CL-120', 'うるおい 洗顔フォーム 120g', 1980, '保湿|無添加|敏感肌', 3],
    ['UR-LT-150', 'うるおい 化粧水 150mL', 3300, '保湿|無添加|敏感肌', 10],
    ['UR-ML-120', 'うるおい 乳液 120mL', 3520, '保湿|無添加', 6],
    ['UR-ES-30', 'うるおい 美容液 30mL', 4950, '保湿|無添加|ギフト', 5],
    ['UR-CR-40', 'うるおい クリーム 40g', 4400, '保湿|敏感肌', 4],
    ['UR-MK-5', 'うるおい シートマスク 5枚入', 1650, '保湿|ギフト', 2],
    ['UR-TR-01', 'うるおい お試しセット 7日分', 1100, '保湿|無添加|敏感肌', 0],
  ],
  WH: [
    ['WH-CL-120', 'ホワイト 薬用洗顔 120g', 2200, '美白|医薬部外品', 3],
    ['WH-LT-150', 'ホワイト 薬用化粧水 150mL', 3850, '美白|医薬部外品', 10],
    ['WH-ES-30', 'ホワイト 薬用美白美容液 30mL', 6600, '美白|医薬部外品|ギフト', 6],
    ['WH-UV-50', 'ホワイト UVミルク SPF50+ 50mL', 3080, '美白|UVケア', 4],
    ['WH-TR-01', 'ホワイト お試しセット 10日分', 1500, '美白|医薬部外品', 0],
  ],
  AG: [
    ['AG-LT-150', 'エイジングケア ローション 150mL', 5500, 'エイジング|保湿', 10],
    ['AG-ES-30', 'エイジングケア 美容液 30mL', 9900, 'エイジング|ギフト', 6],
    ['AG-CR-30', 'エイジングケア クリーム 30g', 11000, 'エイジング|保湿|ギフト', 4],
    ['AG-EY-15', 'エイジングケア アイクリーム 15g', 7700, 'エイジング', 2],
    ['AG-TR-01', 'エイジングケア お試しセット 14日分', 1980, 'エイジング', 0],
  ],
  BD: [
    ['BD-SO-300', 'ボディソープ 300mL', 1650, '無添加|敏感肌', 6],
    ['BD-ML-200', 'ボディミルク 200mL', 2420, '保湿|無添加', 8],
    ['BD-OL-100', 'ボディオイル 100mL', 3520, '保湿|ギフト', 3],
    ['BD-HC-50', 'ハンドクリーム 50g', 1540, '保湿|ギフト', 5],
    ['BD-TR-01', 'ボディケア お試しセット', 1000, '保湿|無添加', 0],
  ],
  SP: [
    ['SP-CO-30', 'コラーゲン 30日分', 4320, 'エイジング|インナーケア', 8],
    ['SP-VC-30', 'ビタミンC 30日分', 2980, '美白|インナーケア', 6],
    ['SP-HA-30', 'ヒアルロン酸 30日分', 3980, '保湿|インナーケア', 5],
    ['SP-TR-01', 'インナーケア お試し 7日分', 1000, 'インナーケア', 0],
  ],
};

export const PRODUCTS: readonly Product[] = SERIES.flatMap((series, seriesIndex) =>
  (PRODUCT_ROWS[series.code] ?? []).map(([sku, name, price, tags, basketWeight]) => ({
    sku,
    name,
    seriesIndex,
    category: series.category,
    price,
    tags: tags.split('|'),
    isTrial: basketWeight === 0,
    basketWeight,
  })),
);

export function seriesIndexOf(code: string): number {
  const index = SERIES.findIndex((series) => series.code === code);
  if (index < 0) throw new RangeError(`unknown series ${code}`);
  return index;
}

/** Per series: the product index of its trial set. */
export const TRIAL_PRODUCT: readonly number[] = SERIES.map((_, seriesIndex) => {
  const index = PRODUCTS.findIndex((product) => product.seriesIndex === seriesIndex && product.isTrial);
  if (index < 0) throw new RangeError(`series ${seriesIndex} has no trial set`);
  return index;
});

/** Per series: its regular products (product indices) and a table to draw a basket line from them. */
export const REGULAR_PRODUCTS: readonly (readonly number[])[] = SERIES.map((_, seriesIndex) =>
  PRODUCTS.flatMap((product, index) => (product.seriesIndex === seriesIndex && !product.isTrial ? [index] : [])),
);
export const BASKET_TABLES: readonly WeightedTable[] = REGULAR_PRODUCTS.map(
  (indices) => new WeightedTable(indices.map((index) => itemAt(PRODUCTS, index).basketWeight)),
);

/** Per series: a table over all series for the next line a customer moves to (never itself). */
export const NEXT_SERIES_TABLES: readonly WeightedTable[] = SERIES.map(
  (series) => new WeightedTable(SERIES.map((other) => series.nextSeries[other.code] ?? 0)),
);
