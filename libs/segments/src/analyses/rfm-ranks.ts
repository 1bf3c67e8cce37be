import type { RfmSettings } from './analytics-settings';

/** The four ranks Japanese marketers use, from frequency and monetary scores. */
export const RFM_RANKS = ['loyal', 'semi_loyal', 'general', 'lapsed'] as const;
export type RfmRank = (typeof RFM_RANKS)[number];

export const RFM_RANK_LABELS: Readonly<Record<RfmRank, string>> = {
  loyal: '優良',
  semi_loyal: '準優良',
  general: '一般',
  lapsed: '離反',
};

/** 優良: high F and high M; 準優良: high M only; 一般: high F only; 離反: neither. */
export function rfmRank(
  frequencyScore: number,
  monetaryScore: number,
  settings: Pick<RfmSettings, 'highFrequencyScore' | 'highMonetaryScore'>,
): RfmRank {
  const highFrequency = frequencyScore >= settings.highFrequencyScore;
  const highMonetary = monetaryScore >= settings.highMonetaryScore;
  if (highFrequency && highMonetary) return 'loyal';
  if (highMonetary) return 'semi_loyal';
  if (highFrequency) return 'general';
  return 'lapsed';
}

/**
 * A 1-5 score from four ascending cut points. Ties share a score (a quantile cut that falls on a
 * value shared by many customers does not split them). Recency is better when lower.
 */
export function scoreFromCuts(value: number, cuts: readonly number[], lowerIsBetter = false): number {
  const above = cuts.filter((cut) => value > cut).length;
  return lowerIsBetter ? 5 - above : 1 + above;
}
