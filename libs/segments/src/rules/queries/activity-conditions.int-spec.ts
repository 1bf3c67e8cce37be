import { useSegmentFixture } from './testing/use-segment-fixture';

/**
 * Purchase, analytics and event conditions compiled and run on PostgreSQL against the shop of
 * testing/segment-fixture.ts (reference time 2026-03-01 00:00 Tokyo). Names are in id order:
 * hanako, ichiro, misaki, ken, sakura, obrien.
 */
describe('activity conditions on PostgreSQL', () => {
  const { cases } = useSegmentFixture();

  describe('purchase measures', () => {
    cases([
      [
        'bought series うるおい twice in 90 days',
        {
          type: 'purchase',
          measure: 'count',
          operator: 'gte',
          value: 2,
          window: { lastDays: 90 },
          filter: { series: ['うるおい'] },
        },
        ['hanako'],
      ],
      [
        'spent 10,000 yen or more',
        { type: 'purchase', measure: 'amount', operator: 'gte', value: 10000 },
        ['hanako', 'ken'],
      ],
      [
        'never bought (count 0)',
        { type: 'purchase', measure: 'count', operator: 'eq', value: 0 },
        ['sakura', 'obrien'],
      ],
      [
        'quantity of a SKU typed full-width',
        {
          type: 'purchase',
          measure: 'quantity',
          operator: 'between',
          value: [3, 4],
          filter: { products: ['ＵＲＵ－００１'] },
        },
        ['hanako', 'ken'],
      ],
      [
        'trial sets',
        { type: 'purchase', measure: 'count', operator: 'gte', value: 1, filter: { trial: true } },
        ['misaki', 'ken'],
      ],
      [
        'never bought series さらさら, at any time',
        { type: 'purchase', measure: 'count', operator: 'eq', value: 0, filter: { series: ['さらさら'] } },
        ['ichiro', 'misaki', 'sakura', 'obrien'],
      ],
      [
        'ever bought a product tagged 敏感肌',
        { type: 'purchase', measure: 'count', operator: 'gt', value: 0, filter: { tags: ['敏感肌'] } },
        ['hanako', 'ichiro', 'ken'],
      ],
      [
        'in store, tagged 敏感肌',
        {
          type: 'purchase',
          measure: 'count',
          operator: 'gte',
          value: 1,
          filter: { channel: 'store', tags: ['敏感肌', '美白'] },
        },
        ['hanako', 'ichiro'],
      ],
      [
        'category amount',
        { type: 'purchase', measure: 'amount', operator: 'gt', value: 5000, filter: { categories: ['ヘアケア'] } },
        ['ken'],
      ],
      [
        'calendar window, last day included',
        {
          type: 'purchase',
          measure: 'count',
          operator: 'gte',
          value: 1,
          window: { from: '2026-02-01', to: '2026-02-20' },
        },
        ['hanako', 'misaki'],
      ],
      [
        'last purchase within 7 days',
        { type: 'purchase', measure: 'last_date', operator: 'within_last_days', value: 7 },
        ['ken'],
      ],
      [
        'first purchase before 2025',
        { type: 'purchase', measure: 'first_date', operator: 'before', value: '2025-01-01' },
        ['ken'],
      ],
      ['no first purchase', { type: 'purchase', measure: 'first_date', operator: 'is_not_set' }, ['sakura', 'obrien']],
    ]);
  });

  describe('metrics, preferences and scores (a missing row matches only is_not_set)', () => {
    cases([
      [
        'rfm_rank neq lapsed',
        { type: 'metric', field: 'rfm_rank', operator: 'neq', value: 'lapsed' },
        ['hanako', 'misaki', 'ken'],
      ],
      [
        'rfm_rank in',
        { type: 'metric', field: 'rfm_rank', operator: 'in', value: ['loyal', 'semi_loyal'] },
        ['hanako', 'ken'],
      ],
      ['m_score between', { type: 'metric', field: 'm_score', operator: 'between', value: [2, 4] }, ['ichiro']],
      [
        'monetary gte (bigint)',
        { type: 'metric', field: 'monetary', operator: 'gte', value: 12000 },
        ['hanako', 'ken'],
      ],
      ['rank_down is_true', { type: 'metric', field: 'rank_down', operator: 'is_true' }, ['ichiro', 'ken']],
      ['rank_down is_false', { type: 'metric', field: 'rank_down', operator: 'is_false' }, ['hanako', 'misaki']],
      [
        'usual_interval_days is_not_set',
        { type: 'metric', field: 'usual_interval_days', operator: 'is_not_set' },
        ['ichiro', 'sakura', 'obrien'],
      ],
      ['rf_stage is_set', { type: 'metric', field: 'rf_stage', operator: 'is_set' }, ['hanako', 'ichiro', 'ken']],
      [
        'last_order_at after',
        { type: 'metric', field: 'last_order_at', operator: 'after', value: '2026-02-15' },
        ['misaki', 'ken'],
      ],
      [
        'stable segment within a category',
        { type: 'metric', field: 'stable_segment', category: 'スキンケア', operator: 'eq', value: 'core' },
        ['hanako'],
      ],
      [
        'share of 無添加 >= 0.8',
        { type: 'preference', dimension: 'tag', name: '無添加', operator: 'gte', value: 0.8 },
        ['ichiro', 'misaki'],
      ],
      [
        'share of 無添加 < 0.7',
        { type: 'preference', dimension: 'tag', name: '無添加', operator: 'lt', value: 0.7 },
        ['ken'],
      ],
      [
        'spend on 無添加',
        {
          type: 'preference',
          dimension: 'tag',
          name: '無添加',
          measure: 'spend',
          operator: 'between',
          value: [5000, 9000],
        },
        ['hanako', 'ken'],
      ],
      [
        'never spent on series さらさら',
        { type: 'preference', dimension: 'series', name: 'さらさら', operator: 'is_not_set' },
        ['hanako', 'ichiro', 'misaki', 'sakura', 'obrien'],
      ],
      ['p_alive gte', { type: 'score', model: 'p_alive', operator: 'gte', value: 0.5 }, ['hanako', 'misaki', 'ken']],
      ['p_alive lt', { type: 'score', model: 'p_alive', operator: 'lt', value: 0.5 }, ['ichiro']],
      ['p_alive is_not_set', { type: 'score', model: 'p_alive', operator: 'is_not_set' }, ['sakura', 'obrien']],
      ['another model', { type: 'score', model: 'propensity_email', operator: 'is_set' }, ['hanako']],
    ]);
  });

  describe('events', () => {
    cases([
      ['at least once', { type: 'event', name: 'page_view' }, ['hanako', 'ichiro', 'sakura', 'obrien']],
      [
        'twice or more',
        { type: 'event', name: 'page_view', count: { operator: 'gte', value: 2 } },
        ['hanako', 'sakura'],
      ],
      ['never (count 0)', { type: 'event', name: 'page_view', count: { operator: 'eq', value: 0 } }, ['misaki', 'ken']],
      [
        'last 7 days on a landing page',
        {
          type: 'event',
          name: 'page_view',
          window: { lastDays: 7 },
          properties: [{ key: 'path', operator: 'contains', value: '/lp' }],
        },
        ['hanako', 'ichiro', 'sakura'],
      ],
      [
        'a numeric property ("long" is no number, not an error)',
        { type: 'event', name: 'page_view', properties: [{ key: 'duration', operator: 'gt', value: 30 }] },
        ['hanako'],
      ],
      [
        'a number written as text',
        { type: 'event', name: 'page_view', properties: [{ key: 'duration', operator: 'lte', value: 12 }] },
        ['hanako', 'ichiro'],
      ],
      [
        'property eq',
        { type: 'event', name: 'sample_request', properties: [{ key: 'sku', operator: 'eq', value: 'URU-TRIAL' }] },
        ['misaki'],
      ],
      [
        'property neq',
        { type: 'event', name: 'page_view', properties: [{ key: 'path', operator: 'neq', value: '/top' }] },
        ['hanako', 'ichiro', 'sakura', 'obrien'],
      ],
      [
        'calendar window',
        { type: 'event', name: 'page_view', window: { from: '2025-12-01', to: '2025-12-01' } },
        ['sakura'],
      ],
    ]);
  });
});
