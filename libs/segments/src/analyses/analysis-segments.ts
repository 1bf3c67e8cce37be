import { z } from 'zod';
import { SEGMENT_RULE_VERSION, type SegmentRule } from '../rules/schema/segment-rule.schema';
import type { MetricCondition } from '../rules/schema/analytics-conditions.schema';
import type { AnalyticsSettings } from './analytics-settings';
import { frequencyLabel, recencyLabel, rfCells } from './rf-stages';
import { RFM_RANK_LABELS, RFM_RANKS } from './rfm-ranks';
import { STABLE_SEGMENT_LABELS, STABLE_SEGMENTS } from './stable-segments';

/** A group of customers an analysis shows, which a marketer can keep as a live segment in one call. */
export const AnalysisGroupSchema = z.discriminatedUnion('kind', [
  z
    .object({ kind: z.literal('rf_cell'), recency: z.number().int().min(0), frequency: z.number().int().min(0) })
    .strict(),
  z.object({ kind: z.literal('rf_stage'), stage: z.string().min(1).max(100) }).strict(),
  z.object({ kind: z.literal('rfm_rank'), rank: z.enum(RFM_RANKS) }).strict(),
  z.object({ kind: z.literal('decile'), decile: z.number().int().min(1).max(10) }).strict(),
  z
    .object({
      kind: z.literal('stable_segment'),
      segment: z.enum(STABLE_SEGMENTS),
      category: z.string().min(1).max(200).optional(),
    })
    .strict(),
  z.object({ kind: z.literal('rank_down') }).strict(),
]);
export type AnalysisGroup = z.infer<typeof AnalysisGroupSchema>;

export type AnalysisSegment =
  { ok: true; name: string; rule: SegmentRule } | { ok: false; field: string; reason: string };

const metric = (field: string, value: string | number, category?: string): MetricCondition => ({
  type: 'metric',
  field,
  operator: 'eq',
  value,
  ...(category === undefined ? {} : { category }),
});

const ruleOf = (...conditions: MetricCondition[]): SegmentRule => ({
  version: SEGMENT_RULE_VERSION,
  root: { type: 'group', combinator: 'and', rules: conditions },
});

/**
 * The rule and a default name (Japanese, as the analyses label them) for a group of an analysis,
 * over the figures of the last analytics refresh: an RF cell is rf_recency_bucket and
 * rf_frequency_bucket, a rank is rfm_rank, and so on. Membership follows each refresh.
 */
export function analysisSegment(group: AnalysisGroup, settings: AnalyticsSettings): AnalysisSegment {
  const { recencyMonths, frequencyCap } = settings.rfMatrix;
  switch (group.kind) {
    case 'rf_cell': {
      if (group.recency > recencyMonths)
        return { ok: false, field: 'recency', reason: `must be at most ${recencyMonths} (the matrix's last row)` };
      if (group.frequency > frequencyCap)
        return { ok: false, field: 'frequency', reason: `must be at most ${frequencyCap} (the matrix's last column)` };
      const months = recencyLabel(group.recency, recencyMonths);
      const purchases = frequencyLabel(group.frequency, frequencyCap);
      return {
        ok: true,
        name: `RF ${months}ヶ月 × ${purchases}回`,
        rule: ruleOf(metric('rf_recency_bucket', group.recency), metric('rf_frequency_bucket', group.frequency)),
      };
    }
    case 'rf_stage': {
      const stage = rfCells(settings.rfMatrix).find((cell) => cell.code === group.stage);
      if (!stage)
        return {
          ok: false,
          field: 'stage',
          reason: `unknown stage "${group.stage}" in this workspace's RF matrix settings`,
        };
      return { ok: true, name: `RF ${stage.label}`, rule: ruleOf(metric('rf_stage', group.stage)) };
    }
    case 'rfm_rank':
      return { ok: true, name: `RFM ${RFM_RANK_LABELS[group.rank]}`, rule: ruleOf(metric('rfm_rank', group.rank)) };
    case 'decile':
      return { ok: true, name: `デシル ${group.decile}`, rule: ruleOf(metric('decile', group.decile)) };
    case 'stable_segment': {
      const label = STABLE_SEGMENT_LABELS[group.segment];
      return {
        ok: true,
        name: group.category === undefined ? `安定セグメント ${label}` : `${group.category} 安定セグメント ${label}`,
        rule: ruleOf(metric('stable_segment', group.segment, group.category)),
      };
    }
    case 'rank_down':
      return {
        ok: true,
        name: 'ランクダウン兆候',
        rule: ruleOf({ type: 'metric', field: 'rank_down', operator: 'is_true' }),
      };
  }
}
