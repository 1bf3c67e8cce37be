import { STABLE_SEGMENT_LABELS, STABLE_SEGMENTS, type StableSegment } from '@kizuna/segments';
import type { AnalysisContext } from '../sql/analysis-context';
import { share } from './share';

export interface SegmentCount {
  segment: StableSegment;
  label: string;
  customers: number;
  customerShare: number;
  netSpend: number;
  netSpendShare: number;
}

export interface StableSegmentsResult {
  lookbackMonths: number;
  customers: number;
  segments: SegmentCount[];
  categories: { category: string; segments: { segment: StableSegment; label: string; customers: number }[] }[];
}

export async function stableSegmentsResult({ tx, settings }: AnalysisContext): Promise<StableSegmentsResult> {
  const { rows } = await tx.query<{ stable_segment: StableSegment; customers: number; net_spend: number }>(
    `SELECT stable_segment, count(*)::int AS customers, COALESCE(sum(GREATEST(net_spend, 0)), 0)::bigint AS net_spend
       FROM af_stable GROUP BY stable_segment`,
  );
  const { rows: categoryRows } = await tx.query<{ category: string; stable_segment: StableSegment; customers: number }>(
    `SELECT category, stable_segment, count(*)::int AS customers FROM af_category_segments GROUP BY 1, 2 ORDER BY 1`,
  );
  const customers = rows.reduce((sum, row) => sum + row.customers, 0);
  const netSpend = rows.reduce((sum, row) => sum + row.net_spend, 0);
  const categories = [...new Set(categoryRows.map((row) => row.category))];
  return {
    lookbackMonths: settings.stableSegments.lookbackMonths,
    customers,
    segments: STABLE_SEGMENTS.map((segment) => {
      const row = rows.find((r) => r.stable_segment === segment);
      return {
        segment,
        label: STABLE_SEGMENT_LABELS[segment],
        customers: row?.customers ?? 0,
        customerShare: share(row?.customers ?? 0, customers),
        netSpend: row?.net_spend ?? 0,
        netSpendShare: share(row?.net_spend ?? 0, netSpend),
      };
    }),
    categories: categories.map((category) => ({
      category,
      segments: STABLE_SEGMENTS.map((segment) => ({
        segment,
        label: STABLE_SEGMENT_LABELS[segment],
        customers: categoryRows.find((r) => r.category === category && r.stable_segment === segment)?.customers ?? 0,
      })),
    })),
  };
}
