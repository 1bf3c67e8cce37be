import type { AnalysisGroup } from '@kizuna/segments';

/** Segments the demo workspace starts with, so the editor opens on live examples of each kind. */
export const DEMO_ANALYSIS_SEGMENTS: readonly AnalysisGroup[] = [
  { kind: 'rfm_rank', rank: 'loyal' },
  { kind: 'rf_stage', stage: 'new_active' },
  { kind: 'rank_down' },
];

export const DEMO_RULE_SEGMENTS: readonly { name: string; description: string; definition: unknown }[] = [
  {
    name: 'トライアル購入・本品未購入 (60日以内)',
    description: 'お試しセットを60日以内に買い、まだ本品を買っていない方: 2回目購入のフォロー対象',
    definition: {
      version: 1,
      root: {
        type: 'group',
        combinator: 'and',
        rules: [
          {
            type: 'purchase',
            measure: 'count',
            operator: 'gte',
            value: 1,
            window: { lastDays: 60 },
            filter: { trial: true },
          },
          { type: 'purchase', measure: 'count', operator: 'eq', value: 0, filter: { trial: false } },
        ],
      },
    },
  },
  {
    name: 'うるおいライン愛用・エイジング未購入',
    description: 'うるおいラインが支出の半分以上で、エイジングケアラインを買ったことのない方: クロスセル候補',
    definition: {
      version: 1,
      root: {
        type: 'group',
        combinator: 'and',
        rules: [
          { type: 'preference', dimension: 'series', name: 'うるおいライン', operator: 'gte', value: 0.5 },
          {
            type: 'purchase',
            measure: 'count',
            operator: 'eq',
            value: 0,
            filter: { series: ['エイジングケアライン'] },
          },
          { type: 'consent', channel: 'email', operator: 'is', status: 'granted' },
        ],
      },
    },
  },
  {
    name: 'LINE友だち',
    description: 'LINEのユーザーIDがわかっている方',
    definition: {
      version: 1,
      root: { type: 'group', combinator: 'and', rules: [{ type: 'identity', operator: 'has', kind: 'line' }] },
    },
  },
];
