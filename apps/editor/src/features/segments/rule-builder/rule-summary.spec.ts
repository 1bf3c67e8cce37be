import type { RuleGroup } from '@kizuna/segments';
import { summariseRule, type RuleSummaryWords } from './rule-summary';

const words: RuleSummaryWords = {
  field: (type, name) => `${type}.${name}`,
  operator: (operator) => `<${operator}>`,
  value: (group, value) => (group === 'rfm_rank' && value === 'loyal' ? '優良' : value),
  conditionType: (type) => type.toUpperCase(),
  lastDays: (days) => `last ${days} days`,
  segment: (id) => `segment #${id}`,
};

describe('summariseRule', () => {
  it('writes groups with their combinators, nesting in parentheses and NOT in front', () => {
    const rule: RuleGroup = {
      type: 'group',
      combinator: 'and',
      rules: [
        { type: 'purchase', measure: 'amount', operator: 'gte', value: 3000, window: { lastDays: 90 } },
        {
          type: 'group',
          combinator: 'or',
          rules: [
            { type: 'attribute', field: 'prefecture', operator: 'in', value: ['東京都', '大阪府'] },
            { type: 'metric', field: 'rfm_rank', operator: 'eq', value: 'loyal' },
          ],
        },
        {
          type: 'group',
          combinator: 'and',
          negate: true,
          rules: [{ type: 'identity', operator: 'has', kind: 'email' }],
        },
      ],
    };
    expect(summariseRule(rule, words)).toBe(
      'purchase.amount <gte> 3000 (last 90 days) AND (attribute.prefecture <in> 東京都, 大阪府 OR metric.rfm_rank <eq> 優良) AND NOT (email <has>)',
    );
  });

  it('writes every condition type', () => {
    const rule: RuleGroup = {
      type: 'group',
      combinator: 'or',
      rules: [
        { type: 'consent', channel: 'line', operator: 'is', status: 'granted' },
        { type: 'score', model: 'p_alive', operator: 'between', value: [0.2, 0.5] },
        { type: 'event', name: 'email_open', count: { operator: 'eq', value: 0 }, window: { lastDays: 30 } },
        { type: 'preference', dimension: 'series', name: 'うるおい', operator: 'gte', value: 0.5 },
        { type: 'segment', operator: 'not_member', segmentId: 7 },
        { type: 'attribute', field: 'birth_date', operator: 'is_not_set' },
        {
          type: 'purchase',
          measure: 'count',
          operator: 'gte',
          value: 1,
          filter: { series: ['うるおい'], trial: true },
        },
      ],
    };
    expect(summariseRule(rule, words).split(' OR ')).toEqual([
      'CONSENT line <is> granted',
      'p_alive <between> 0.2 – 0.5',
      'EVENT email_open event.count <eq> 0 (last 30 days)',
      'series うるおい: preference.share <gte> 0.5',
      'segment #7 <not_member>',
      'attribute.birth_date <is_not_set>',
      'purchase.count <gte> 1 [series: うるおい; trial: true]',
    ]);
  });
});
