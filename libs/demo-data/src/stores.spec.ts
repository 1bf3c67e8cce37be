import { PREFECTURES } from './prefectures';
import { STORES, STORES_BY_PREFECTURE } from './stores';

describe('stores', () => {
  it('gives every prefecture at least one store to shop at, in its region', () => {
    expect(STORES_BY_PREFECTURE).toHaveLength(47);
    for (const stores of STORES_BY_PREFECTURE) expect(stores.length).toBeGreaterThan(0);
    const nara = PREFECTURES.findIndex((prefecture) => prefecture.name === '奈良県');
    expect(STORES_BY_PREFECTURE[nara]?.map((index) => STORES[index]?.name)).toEqual([
      '梅田',
      '心斎橋',
      '京都',
      '神戸三宮',
    ]);
  });

  it('numbers stores S001, S002, …', () => {
    expect(STORES[11]?.id).toBe('S012');
  });
});
