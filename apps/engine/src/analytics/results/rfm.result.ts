import { RFM_RANK_LABELS, RFM_RANKS, type RfmRank } from '@kizuna/segments';
import type { AnalysisContext } from '../sql/analysis-context';
import type { RfmCuts } from '../sql/scores.sql';
import type { CustomerGroups } from './customer-groups';
import { share } from './share';

export interface RfmResult {
  windowDays: number;
  customers: number;
  cuts: RfmCuts;
  scores: { dimension: 'recency' | 'frequency' | 'monetary'; score: number; customers: number }[];
  ranks: {
    rank: RfmRank;
    label: string;
    customers: number;
    customerShare: number;
    monetary: number;
    monetaryShare: number;
  }[];
}

const DIMENSION_KEYS = { recency: 'r', frequency: 'f', monetary: 'm' } as const;

export function rfmResult({ settings }: AnalysisContext, cuts: RfmCuts, groups: CustomerGroups): RfmResult {
  const ranks = RFM_RANKS.map((rank) => ({ rank, ...(groups.get(`rank:${rank}`) ?? { customers: 0, monetary: 0 }) }));
  const customers = ranks.reduce((sum, row) => sum + row.customers, 0);
  const monetary = ranks.reduce((sum, row) => sum + row.monetary, 0);
  return {
    windowDays: settings.rfm.windowDays,
    customers,
    cuts,
    scores: (['recency', 'frequency', 'monetary'] as const).flatMap((dimension) =>
      [1, 2, 3, 4, 5].map((score) => ({
        dimension,
        score,
        customers: groups.get(`${DIMENSION_KEYS[dimension]}:${score}`)?.customers ?? 0,
      })),
    ),
    ranks: ranks.map((row) => ({
      rank: row.rank,
      label: RFM_RANK_LABELS[row.rank],
      customers: row.customers,
      customerShare: share(row.customers, customers),
      monetary: row.monetary,
      monetaryShare: share(row.monetary, monetary),
    })),
  };
}
