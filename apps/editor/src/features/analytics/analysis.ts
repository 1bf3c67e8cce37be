/**
 * Results of the analyses as GET /api/v1/analytics/:analysis returns them (apps/engine/src/analytics/results).
 * Shares are 0..1 rounded to 4 decimals; yen are integers.
 */
export interface AnalysisSnapshot<Result> {
  kind: string;
  referenceAt: string;
  computedAt: string;
  result: Result;
}

export interface RfCell {
  recency: number;
  frequency: number;
  recencyLabel: string;
  frequencyLabel: string;
  stage: { code: string; label: string };
  customers: number;
  customerShare: number;
  sales: number;
  salesShare: number;
  cohortCustomers: number;
  repeated: number;
  repeatRate: number | null;
}

export interface RfStageRow {
  code: string;
  label: string;
  customers: number;
  customerShare: number;
  sales: number;
  salesShare: number;
  repeatRate: number | null;
}

export interface RfMatrixResult {
  recencyMonths: number;
  frequencyCap: number;
  repeatWindowDays: number;
  salesWindowDays: number;
  cohortReferenceAt: string;
  customers: number;
  sales: number;
  cells: RfCell[];
  stages: RfStageRow[];
}

export type RfmRank = 'loyal' | 'semi_loyal' | 'general' | 'lapsed';

export interface RfmResult {
  windowDays: number;
  customers: number;
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

export interface DecileRow {
  decile: number;
  customers: number;
  sales: number;
  salesShare: number;
  cumulativeShare: number;
  minSales: number;
  maxSales: number;
}

export interface DecileResult {
  salesWindowDays: number;
  customers: number;
  sales: number;
  deciles: DecileRow[];
}

export type AbcClass = 'A' | 'B' | 'C';

export interface AbcProduct {
  productId: number;
  sku: string;
  name: string;
  series: string | null;
  sales: number;
  quantity: number;
  salesShare: number;
  cumulativeShare: number;
  abcClass: AbcClass;
}

export interface AbcResult {
  windowDays: number;
  thresholds: { a: number; b: number };
  categories: { category: string; sales: number; products: AbcProduct[]; counts: Record<AbcClass, number> }[];
}

export type StableSegment = 'core' | 'steady' | 'big_spot' | 'light' | 'one_time' | 'dormant';

export interface StableSegmentsResult {
  lookbackMonths: number;
  customers: number;
  segments: {
    segment: StableSegment;
    label: string;
    customers: number;
    customerShare: number;
    netSpend: number;
    netSpendShare: number;
  }[];
}

/** Figures after 1, 3 and 6 months. */
export type Horizons<T> = Record<'1m' | '3m' | '6m', T>;

export interface StabilityFigures {
  customers: number;
  unchanged: Horizons<number>;
  withoutPurchases: { customers: Horizons<number>; unchanged: Horizons<number> };
}

export interface StabilityReport {
  startAt: string;
  referenceAt: string;
  stableSegments: StabilityFigures;
  rfmRanks: StabilityFigures;
  transitions: { from: StableSegment; to: StableSegment; customers: number }[];
}

export type TargetBasis = 'rf_stage' | 'stable_segment' | 'rfm_rank' | 'decile' | 'score';

export interface TargetSelectionRequest {
  basis: TargetBasis;
  model?: string;
  responseRates?: Record<string, number>;
  defaultResponseRate: number;
  costPerContact: number;
  marginRate: number;
}

export interface ProfitCurvePoint {
  key: string;
  contacts: number;
  expectedConversions: number;
  expectedRevenue: number;
  cost: number;
  expectedProfit: number;
}

export interface TargetSelection {
  basis: TargetBasis;
  selected: ProfitCurvePoint[];
  curve: ProfitCurvePoint[];
  targets: number;
  expectedRevenue: number;
  expectedProfit: number;
}

/** A group of an analysis kept as a segment (POST /api/v1/segments/from-analysis). */
export type AnalysisGroup =
  | { kind: 'rf_cell'; recency: number; frequency: number }
  | { kind: 'rf_stage'; stage: string }
  | { kind: 'rfm_rank'; rank: RfmRank }
  | { kind: 'decile'; decile: number }
  | { kind: 'stable_segment'; segment: StableSegment }
  | { kind: 'rank_down' };
