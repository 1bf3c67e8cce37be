import type { NodeType } from '@kizuna/journey';
import type { TFunction } from 'i18next';
import { isRecord, scalarText } from './flow-graph';

export interface SummaryLookups {
  segmentName: (id: number) => string | undefined;
}

const DURATION_UNITS = ['minutes', 'hours', 'days', 'weeks'] as const;

/** One line under a node's title saying what it does, or what it still needs. */
export function nodeSummary(
  type: NodeType,
  config: Record<string, unknown>,
  t: TFunction,
  lookups: SummaryLookups,
): string {
  const text = (key: string) => (typeof config[key] === 'string' ? config[key] : '');
  const count = (key: string) => (Array.isArray(config[key]) ? config[key].length : 0);
  const duration = (value: unknown) => {
    const record = isRecord(value) ? value : {};
    const unit = DURATION_UNITS.find((u) => u === record['unit']) ?? 'days';
    return { amount: typeof record['amount'] === 'number' ? record['amount'] : '?', unit: t(`canvas.units.${unit}`) };
  };
  switch (type) {
    case 'trigger.segment-entry':
    case 'trigger.segment-exit': {
      const id = config['segmentId'];
      if (typeof id !== 'number') return t('canvas.summary.chooseSegment');
      return t('canvas.summary.segment', { name: lookups.segmentName(id) ?? `#${id}` });
    }
    case 'trigger.event':
      return text('eventName') ? t('canvas.summary.event', { name: text('eventName') }) : t('canvas.summary.noEvent');
    case 'trigger.schedule':
      return t('canvas.summary.cron', { cron: text('cron') || '?' });
    case 'trigger.date-relative':
      return config['source'] === 'event'
        ? t('canvas.summary.dateEvent', { event: text('eventName') || '?', days: config['offsetDays'] ?? 0 })
        : t('canvas.summary.dateAttribute', { attribute: text('attribute') || '?', days: config['offsetDays'] ?? 0 });
    case 'wait':
      return config['mode'] === 'until'
        ? t('canvas.summary.waitUntil', { time: text('time') || '?' })
        : t('canvas.summary.waitFor', duration(config['duration']));
    case 'wait-for-event':
      return t('canvas.summary.waitForEvent', { event: text('eventName') || '?', ...duration(config['timeout']) });
    case 'branch':
      return t('canvas.summary.conditions', { count: count('conditions') });
    case 'split':
      return (Array.isArray(config['arms']) ? (config['arms'] as unknown[]) : [])
        .filter(isRecord)
        .map((arm) => `${scalarText(arm['label']) || scalarText(arm['id'])} ${scalarText(arm['weight']) || '?'}%`)
        .join(' / ');
    case 'holdout':
      return t('canvas.summary.controlShare', { share: config['controlShare'] ?? '?' });
    case 'send': {
      const channel = ['email', 'line', 'sms', 'dm', 'best'].find((c) => c === config['channel']) as
        'email' | 'line' | 'sms' | 'dm' | 'best' | undefined;
      return t('canvas.summary.send', {
        channel: channel ? t(`canvas.channels.${channel}`) : '?',
        template: text('templateId') || t('canvas.summary.chooseTemplate'),
      });
    }
    case 'update': {
      const action = (['set-attribute', 'add-tag', 'remove-tag', 'adjust-score'] as const).find(
        (a) => a === config['action'],
      );
      if (!action) return '';
      return t(`canvas.summary.update.${action}`, { name: text('attribute') || text('tag') || text('score') || '?' });
    }
    case 'goal':
      return t('canvas.summary.goal', { name: text('name') || '?', days: config['withinDays'] ?? '?' });
    case 'exit':
      return '';
  }
}
