import type { CustomerName } from './segment-fixture';

/** [customer, kind, source, value] */
export const IDENTITIES: [CustomerName, string, string, string][] = [
  ['hanako', 'email', '', 'hanako@example.jp'],
  ['hanako', 'line', '', 'U0123456789abcdef0123456789abcdef'],
  ['ichiro', 'email', '', 'ichiro@example.jp'],
  ['misaki', 'phone', '', '+819012345678'],
  ['misaki', 'external', 'ec', 'EC-1'],
  ['ken', 'member', '', '200012345678'],
  ['ken', 'external', 'pos', 'POS-9'],
  ['merged', 'email', '', 'merged@example.jp'],
  ['stranger', 'email', '', 'stranger@example.jp'],
];

/**
 * [customer, channel, status, recorded_at], inserted in this order. Current email consent: hanako,
 * ichiro, sakura granted; misaki revoked (two decisions at the same instant: the later row wins);
 * ken and obrien unknown. Current line consent: hanako revoked.
 */
export const CONSENTS: [CustomerName, string, string, string][] = [
  ['hanako', 'email', 'granted', '2025-01-10T10:00:00+09:00'],
  ['hanako', 'line', 'granted', '2025-01-10T10:00:00+09:00'],
  ['hanako', 'line', 'revoked', '2026-02-01T10:00:00+09:00'],
  ['ichiro', 'email', 'revoked', '2025-06-01T10:00:00+09:00'],
  ['ichiro', 'email', 'granted', '2026-01-15T10:00:00+09:00'],
  ['misaki', 'email', 'granted', '2026-02-01T10:00:00+09:00'],
  ['misaki', 'email', 'revoked', '2026-02-01T10:00:00+09:00'],
  ['sakura', 'email', 'granted', '2025-12-01T10:00:00+09:00'],
  ['merged', 'email', 'granted', '2025-12-01T10:00:00+09:00'],
  ['stranger', 'email', 'granted', '2025-12-01T10:00:00+09:00'],
];

/** [sku, series, category, tags, is_trial] */
export const PRODUCTS: [string, string, string, string[], boolean][] = [
  ['URU-001', 'うるおい', 'スキンケア', ['無添加', '敏感肌'], false],
  ['URU-TRIAL', 'うるおい', 'スキンケア', ['無添加'], true],
  ['HAIR-01', 'さらさら', 'ヘアケア', [], false],
];

/** [customer, channel, ordered_at, lines: [sku, quantity, unit price]] */
export const ORDERS: [CustomerName, 'store' | 'ec', string, [string, number, number][]][] = [
  ['hanako', 'ec', '2026-02-10T10:00:00+09:00', [['URU-001', 2, 3000]]],
  [
    'hanako',
    'store',
    '2026-01-20T15:00:00+09:00',
    [
      ['URU-001', 1, 3000],
      ['HAIR-01', 1, 1500],
    ],
  ],
  ['hanako', 'ec', '2025-06-01T10:00:00+09:00', [['HAIR-01', 1, 1500]]],
  ['ichiro', 'store', '2025-08-15T10:00:00+09:00', [['URU-001', 1, 3000]]],
  ['misaki', 'ec', '2026-02-20T10:00:00+09:00', [['URU-TRIAL', 1, 500]]],
  ['ken', 'store', '2024-12-01T10:00:00+09:00', [['HAIR-01', 4, 1500]]],
  [
    'ken',
    'ec',
    '2026-02-27T10:00:00+09:00',
    [
      ['URU-001', 3, 3000],
      ['URU-TRIAL', 1, 0],
    ],
  ],
  ['merged', 'ec', '2026-02-10T10:00:00+09:00', [['URU-001', 9, 3000]]],
  ['stranger', 'ec', '2026-02-10T10:00:00+09:00', [['URU-001', 9, 3000]]],
];

export interface MetricsRow {
  recency_days: number;
  monetary: number;
  r_score: number;
  m_score: number;
  rfm_rank: string;
  rf_stage: string | null;
  stable_segment: string;
  usual_interval_days: number | null;
  rank_down: boolean;
  last_order_at: string;
  /** Stable segment per product category, when the customer bought in it. */
  category_segments?: Record<string, string>;
}

/** sakura and obrien have no metrics row (customers the last refresh did not see). */
export const METRICS: [CustomerName, MetricsRow][] = [
  [
    'hanako',
    {
      recency_days: 18,
      monetary: 12000,
      r_score: 5,
      m_score: 5,
      rfm_rank: 'loyal',
      rf_stage: 'active',
      stable_segment: 'core',
      category_segments: { スキンケア: 'core' },
      usual_interval_days: 45,
      rank_down: false,
      last_order_at: '2026-02-10T10:00:00+09:00',
    },
  ],
  [
    'ichiro',
    {
      recency_days: 198,
      monetary: 3000,
      r_score: 2,
      m_score: 2,
      rfm_rank: 'lapsed',
      rf_stage: 'dormant',
      stable_segment: 'one_time',
      usual_interval_days: null,
      rank_down: true,
      last_order_at: '2025-08-15T10:00:00+09:00',
    },
  ],
  [
    'misaki',
    {
      recency_days: 8,
      monetary: 0,
      r_score: 5,
      m_score: 1,
      rfm_rank: 'general',
      rf_stage: null,
      stable_segment: 'one_time',
      usual_interval_days: 30,
      rank_down: false,
      last_order_at: '2026-02-20T10:00:00+09:00',
    },
  ],
  [
    'ken',
    {
      recency_days: 1,
      monetary: 15000,
      r_score: 5,
      m_score: 5,
      rfm_rank: 'semi_loyal',
      rf_stage: 'active',
      stable_segment: 'steady',
      usual_interval_days: 450,
      rank_down: true,
      last_order_at: '2026-02-27T10:00:00+09:00',
    },
  ],
  [
    'stranger',
    {
      recency_days: 18,
      monetary: 12000,
      r_score: 5,
      m_score: 5,
      rfm_rank: 'loyal',
      rf_stage: 'active',
      stable_segment: 'core',
      usual_interval_days: 45,
      rank_down: false,
      last_order_at: '2026-02-10T10:00:00+09:00',
    },
  ],
];

/** [customer, dimension, value, spend, share] */
export const PREFERENCES: [CustomerName, 'tag' | 'series', string, number, number][] = [
  ['hanako', 'tag', '無添加', 9000, 0.75],
  ['hanako', 'series', 'うるおい', 9000, 0.75],
  ['ichiro', 'tag', '無添加', 3000, 1],
  ['ichiro', 'series', 'うるおい', 3000, 1],
  ['misaki', 'tag', '無添加', 500, 1],
  ['ken', 'tag', '無添加', 9000, 0.6],
  ['ken', 'series', 'さらさら', 6000, 0.4],
  ['stranger', 'tag', '無添加', 9000, 0.75],
];

/** [customer, model, value] */
export const SCORES: [CustomerName, string, number][] = [
  ['hanako', 'p_alive', 0.92],
  ['hanako', 'propensity_email', 0.3],
  ['ichiro', 'p_alive', 0.15],
  ['misaki', 'p_alive', 0.8],
  ['ken', 'p_alive', 0.55],
  ['stranger', 'p_alive', 0.99],
];

/** [customer, name, properties, occurred_at] */
export const EVENTS: [CustomerName, string, Record<string, unknown>, string][] = [
  ['hanako', 'page_view', { path: '/lp/uruoi', duration: 45 }, '2026-02-25T10:00:00+09:00'],
  ['hanako', 'page_view', { path: '/top', duration: '12' }, '2026-02-26T10:00:00+09:00'],
  ['hanako', 'line_follow', {}, '2025-01-10T10:00:00+09:00'],
  ['ichiro', 'page_view', { path: '/lp/uruoi', duration: 5 }, '2026-02-27T10:00:00+09:00'],
  ['misaki', 'sample_request', { sku: 'URU-TRIAL' }, '2026-02-19T10:00:00+09:00'],
  ['sakura', 'page_view', { path: '/lp/sarasara', duration: 'long' }, '2026-02-28T12:00:00+09:00'],
  ['sakura', 'page_view', { path: '/top' }, '2025-12-01T10:00:00+09:00'],
  ['obrien', 'page_view', { path: "/lp/o'brien" }, '2026-02-20T10:00:00+09:00'],
  ['stranger', 'page_view', { path: '/lp/uruoi', duration: 45 }, '2026-02-25T10:00:00+09:00'],
];

/** [customer, exited_at]: ichiro left the segment; stranger's row belongs to the other workspace. */
export const MEMBERSHIPS: [CustomerName, string | null][] = [
  ['hanako', null],
  ['ichiro', '2026-02-01T00:00:00+09:00'],
  ['ken', null],
  ['stranger', null],
];
