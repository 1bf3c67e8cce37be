import { ruleDependencies } from './rule-dependencies';
import { assertValidSegmentRule } from '../validation/validate-segment-rule';

const rule = (...rules: unknown[]) =>
  assertValidSegmentRule({ version: 1, root: { type: 'group', combinator: 'and', rules } });

describe('ruleDependencies', () => {
  it('lists what a rule reads, through nested and negated groups', () => {
    const dependencies = ruleDependencies(
      rule(
        { type: 'attribute', field: 'prefecture', operator: 'eq', value: '東京都' },
        {
          type: 'group',
          combinator: 'or',
          negate: true,
          rules: [
            { type: 'event', name: 'line_click' },
            { type: 'event', name: 'email_open', window: { from: '2026-01-01' } },
            { type: 'score', model: 'p_alive', operator: 'lt', value: 0.3 },
            { type: 'segment', operator: 'member', segmentId: 7 },
            { type: 'segment', operator: 'not_member', segmentId: 3 },
          ],
        },
        { type: 'consent', channel: 'email', operator: 'is', status: 'granted' },
        { type: 'metric', field: 'rfm_rank', operator: 'eq', value: 'loyal' },
      ),
    );
    expect(dependencies).toEqual({
      profile: true,
      identities: false,
      consent: true,
      purchases: false,
      analytics: true,
      scores: ['p_alive'],
      events: ['email_open', 'line_click'],
      segments: [3, 7],
      relativeTime: false,
    });
  });

  it.each([
    [
      'a purchase window in days',
      { type: 'purchase', measure: 'count', operator: 'gte', value: 1, window: { lastDays: 30 } },
    ],
    ['an event window in days', { type: 'event', name: 'visit', window: { lastDays: 7 } }],
    [
      'a date within the last days',
      { type: 'attribute', field: 'registered_at', operator: 'within_last_days', value: 14 },
    ],
    [
      'a date more than days ago',
      { type: 'metric', field: 'last_order_at', operator: 'more_than_days_ago', value: 90 },
    ],
  ])('depends on the passing of time with %s', (_title, condition) => {
    expect(ruleDependencies(rule(condition)).relativeTime).toBe(true);
  });

  it('does not with calendar windows and plain comparisons', () => {
    const dependencies = ruleDependencies(
      rule(
        {
          type: 'purchase',
          measure: 'amount',
          operator: 'gt',
          value: 10000,
          window: { from: '2026-01-01', to: '2026-03-31' },
        },
        { type: 'identity', operator: 'has', kind: 'line' },
      ),
    );
    expect(dependencies).toMatchObject({ purchases: true, identities: true, relativeTime: false });
  });
});
