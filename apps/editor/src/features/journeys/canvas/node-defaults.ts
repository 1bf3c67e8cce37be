import type { NodeType } from '@kizuna/journey';

/** A new branch condition's rule, to edit: "has bought at least once" (a group may not be empty). */
export const STARTER_RULE = {
  version: 1,
  root: {
    type: 'group',
    combinator: 'and',
    rules: [{ type: 'purchase', measure: 'count', operator: 'gte', value: 1 }],
  },
};

/**
 * The config a node starts with when dropped on the canvas: valid where a sensible default exists
 * (a wait of one day, a 10% holdout, an even split); what only the marketer can choose (a segment, a
 * template, an event name) is left empty, so validation points at it.
 */
export function defaultConfig(type: NodeType): Record<string, unknown> {
  switch (type) {
    case 'trigger.segment-entry':
    case 'trigger.segment-exit':
      return {};
    case 'trigger.event':
      return { eventName: '', filters: [] };
    case 'trigger.schedule':
      return { cron: '0 10 * * 1' };
    case 'trigger.date-relative':
      return { source: 'attribute', attribute: '', yearly: true, offsetDays: 0, timeOfDay: '10:00' };
    case 'wait':
      return { mode: 'duration', duration: { amount: 1, unit: 'days' } };
    case 'wait-for-event':
      return { eventName: '', filters: [], timeout: { amount: 7, unit: 'days' } };
    case 'branch':
      return { conditions: [{ id: 'condition-1', label: '', rule: STARTER_RULE }] };
    case 'split':
      return {
        arms: [
          { id: 'a', label: 'A', weight: 50 },
          { id: 'b', label: 'B', weight: 50 },
        ],
      };
    case 'holdout':
      return { controlShare: 10 };
    case 'send':
      return { channel: 'email' };
    case 'update':
      return { action: 'add-tag', tag: '' };
    case 'goal':
      return { name: '', conversion: { kind: 'purchase' }, withinDays: 30 };
    case 'exit':
      return {};
  }
}

/** The next free id of a list item (`condition-3`, `arm-2`) among those a node already has. */
export function nextItemId(prefix: string, items: readonly { id?: unknown }[]): string {
  const taken = new Set(items.map((item) => item.id));
  for (let n = items.length + 1; ; n++) if (!taken.has(`${prefix}-${n}`)) return `${prefix}-${n}`;
}
