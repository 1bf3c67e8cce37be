import { assertValidSegmentRule } from '../rules/validation/validate-segment-rule';
import { analysisSegment, AnalysisGroupSchema, type AnalysisGroup } from './analysis-segments';
import { defaultAnalyticsSettings } from './analytics-settings';

const segment = (group: AnalysisGroup) => analysisSegment(AnalysisGroupSchema.parse(group), defaultAnalyticsSettings);

describe('analysisSegment', () => {
  it.each<[AnalysisGroup, string, unknown[]]>([
    [
      { kind: 'rf_cell', recency: 1, frequency: 2 },
      'RF <2ヶ月 × 2回',
      [
        { type: 'metric', field: 'rf_recency_bucket', operator: 'eq', value: 1 },
        { type: 'metric', field: 'rf_frequency_bucket', operator: 'eq', value: 2 },
      ],
    ],
    [
      { kind: 'rf_cell', recency: 13, frequency: 6 },
      'RF 13+ヶ月 × 6+回',
      [
        { type: 'metric', field: 'rf_recency_bucket', operator: 'eq', value: 13 },
        { type: 'metric', field: 'rf_frequency_bucket', operator: 'eq', value: 6 },
      ],
    ],
    [
      { kind: 'rfm_rank', rank: 'semi_loyal' },
      'RFM 準優良',
      [{ type: 'metric', field: 'rfm_rank', operator: 'eq', value: 'semi_loyal' }],
    ],
    [{ kind: 'decile', decile: 1 }, 'デシル 1', [{ type: 'metric', field: 'decile', operator: 'eq', value: 1 }]],
    [
      { kind: 'stable_segment', segment: 'core' },
      '安定セグメント 中核 (高購買力・定期)',
      [{ type: 'metric', field: 'stable_segment', operator: 'eq', value: 'core' }],
    ],
    [
      { kind: 'stable_segment', segment: 'steady', category: 'スキンケア' },
      'スキンケア 安定セグメント 定期',
      [{ type: 'metric', field: 'stable_segment', operator: 'eq', value: 'steady', category: 'スキンケア' }],
    ],
    [{ kind: 'rank_down' }, 'ランクダウン兆候', [{ type: 'metric', field: 'rank_down', operator: 'is_true' }]],
  ])('%j becomes a valid rule with a name', (group, name, rules) => {
    const result = segment(group);
    if (!result.ok) throw new Error(result.reason);
    expect(result.name).toBe(name);
    expect(result.rule.root.rules).toEqual(rules);
    expect(assertValidSegmentRule(result.rule)).toEqual(result.rule);
  });

  it('names a stage by its label in the workspace settings', () => {
    expect(segment({ kind: 'rf_stage', stage: 'new_active' })).toMatchObject({ ok: true, name: 'RF 新規現役' });
    expect(segment({ kind: 'rf_stage', stage: 'vip_active' })).toEqual({
      ok: false,
      field: 'stage',
      reason: `unknown stage "vip_active" in this workspace's RF matrix settings`,
    });
  });

  it('refuses cells outside the matrix', () => {
    expect(segment({ kind: 'rf_cell', recency: 14, frequency: 1 })).toMatchObject({ ok: false, field: 'recency' });
    expect(segment({ kind: 'rf_cell', recency: 1, frequency: 7 })).toMatchObject({ ok: false, field: 'frequency' });
  });
});
