import type { JourneyNode } from './journey-graph.schema';
import { nodeConfigIssues, type NodeConfigCheck } from './node-config-issues';

const issuesOf = (type: JourneyNode['type'], config: Record<string, unknown>, check: Partial<NodeConfigCheck> = {}) =>
  nodeConfigIssues({ id: 'n1', type, config }, { timeZone: 'Asia/Tokyo', ...check });
const days = (amount: number) => ({ amount, unit: 'days' });
const rule = (...rules: unknown[]) => ({ version: 1, root: { type: 'group', combinator: 'and', rules } });
const loyal = rule({ type: 'metric', field: 'rfm_rank', operator: 'eq', value: 'loyal' });

describe('nodeConfigIssues', () => {
  it('says what an empty config needs', () => {
    const missing = (type: JourneyNode['type']) => issuesOf(type, {}).map((issue) => issue.message);
    expect(missing('trigger.segment-entry')).toEqual(['Node "n1" (trigger.segment-entry): needs segmentId']);
    expect(missing('trigger.schedule')).toEqual(['Node "n1" (trigger.schedule): needs cron and segmentId']);
    expect(missing('wait')).toEqual(['Node "n1" (wait): needs mode (duration or until)']);
    expect(missing('goal')).toEqual(['Node "n1" (goal): needs name, conversion and withinDays']);
    expect(missing('send')).toEqual(['Node "n1" (send): needs channel']);
    expect(missing('exit')).toEqual([]);
    expect(issuesOf('holdout', {})).toEqual([
      {
        code: 'missing-config',
        message: 'Node "n1" (holdout): needs controlShare',
        nodeId: 'n1',
        path: 'config',
      },
    ]);
  });

  it('reports other config problems at their path with the schema message', () => {
    expect(issuesOf('wait', { mode: 'duration', duration: { amount: 0, unit: 'days' } })).toEqual([
      {
        code: 'invalid-config',
        message: 'Node "n1" (wait): config.duration.amount: must be more than 0',
        nodeId: 'n1',
        path: 'config.duration.amount',
      },
    ]);
    expect(issuesOf('send', { channel: 'fax', templateId: 'x', note: 'hi' }).map((i) => [i.path, i.message])).toEqual([
      ['config.channel', 'Node "n1" (send): config.channel: "fax" is not one of: email, line, sms, dm, best'],
      ['config', 'Node "n1" (send): config: unknown key "note"'],
    ]);
    expect(issuesOf('goal', { name: 'Buy', conversion: { kind: 'purchase' } }).map((i) => i.message)).toEqual([
      'Node "n1" (goal): config.withinDays: is required',
    ]);
  });

  it('asks a wait-for-event for its timeout under its own code', () => {
    const timeout = {
      code: 'wait-for-event-without-timeout',
      message:
        'Node "n1" (wait-for-event): needs a timeout: without one, a customer whose event never comes waits forever',
      nodeId: 'n1',
      path: 'config.timeout',
    };
    expect(issuesOf('wait-for-event', { eventName: 'email_open' })).toEqual([timeout]);
    expect(issuesOf('wait-for-event', {})).toEqual([
      { code: 'missing-config', message: 'Node "n1" (wait-for-event): needs eventName', nodeId: 'n1', path: 'config' },
      timeout,
    ]);
    expect(issuesOf('wait-for-event', { eventName: 'email_open', timeout: days(2) })).toEqual([]);
  });

  it('needs split weights that add up to 100, and distinct arm ids', () => {
    const arms = (...weights: number[]) => ({ arms: weights.map((weight, i) => ({ id: `arm-${i}`, weight })) });
    expect(issuesOf('split', arms(30, 30))).toEqual([
      {
        code: 'split-weights',
        message: 'Node "n1" (split): arm weights add up to 60, not 100',
        nodeId: 'n1',
        path: 'config.arms',
      },
    ]);
    expect(issuesOf('split', arms(33.33333, 33.33333, 33.33333)).map((i) => i.message)).toEqual([
      'Node "n1" (split): arm weights add up to 99.99999, not 100',
    ]);
    expect(issuesOf('split', arms(100 / 3, 100 / 3, 100 / 3))).toEqual([]);
    expect(
      issuesOf('split', {
        arms: [
          { id: 'a', weight: 50 },
          { id: 'a', weight: 50 },
        ],
      }),
    ).toEqual([
      {
        code: 'invalid-config',
        message: 'Node "n1" (split): config.arms.1.id: another arm already has the id "a"',
        nodeId: 'n1',
        path: 'config.arms.1.id',
      },
    ]);
  });

  it('needs a template for a send', () => {
    const issue = {
      code: 'send-without-template',
      message: 'Node "n1" (send): needs a template for channel "email"',
      nodeId: 'n1',
      path: 'config.templateId',
    };
    expect(issuesOf('send', { channel: 'email' })).toEqual([issue]);
    expect(issuesOf('send', { channel: 'email', templateId: '' })).toEqual([issue]);
    expect(issuesOf('send', { channel: 'best', templateId: 'welcome', channels: ['line', 'email'] })).toEqual([]);
  });

  it('checks branch rules with the segment rule language, once each, and the else exit', () => {
    const conditions = [
      { id: 'else', rule: loyal },
      { id: 'rfm', rule: rule({ type: 'metric', field: 'rfm', operator: 'eq', value: 'loyal' }) },
      { id: 'no-rule' },
    ];
    expect(issuesOf('branch', { conditions }).map((i) => [i.code, i.path, i.message])).toEqual([
      [
        'invalid-config',
        'config.conditions.1.rule.root.rules.0.field',
        'Node "n1" (branch): config.conditions.1.rule.root.rules.0.field: unknown field "rfm"',
      ],
      ['invalid-config', 'config.conditions.2.rule', 'Node "n1" (branch): config.conditions.2.rule: is required'],
      [
        'invalid-config',
        'config.conditions.0.id',
        'Node "n1" (branch): config.conditions.0.id: "else" is the exit taken when no condition holds; give the condition another id',
      ],
    ]);
  });

  it('checks cron schedules and timezones', () => {
    const schedule = (config: Record<string, unknown>, timeZone?: string) =>
      issuesOf('trigger.schedule', { segmentId: 3, ...config }, timeZone ? { timeZone } : {});
    expect(schedule({ cron: '0 9 * * 1' })).toEqual([]);
    expect(schedule({ cron: '0 9 * * 1', timezone: 'America/New_York' })).toEqual([]);
    expect(schedule({ cron: '0 9 * *' })).toEqual([
      {
        code: 'invalid-schedule',
        message:
          'Node "n1" (trigger.schedule): "0 9 * *" has 4 fields; a schedule needs 5: minute hour day-of-month month day-of-week',
        nodeId: 'n1',
        path: 'config.cron',
      },
    ]);
    expect(schedule({ cron: '0 25 * * *' }).map((i) => i.message)).toEqual([
      expect.stringMatching(/^Node "n1" \(trigger\.schedule\): "0 25 \* \* \*" is not a cron expression: /),
    ]);
    expect(schedule({ cron: '0 9 * * 1', timezone: 'Mars/Olympus' })).toEqual([
      {
        code: 'invalid-schedule',
        message: 'Node "n1" (trigger.schedule): "Mars/Olympus" is not an IANA timezone (such as Asia/Tokyo)',
        nodeId: 'n1',
        path: 'config.timezone',
      },
    ]);
    // Without a timezone of its own, the schedule runs in the workspace's.
    expect(schedule({ cron: '0 9 * * 1' }, 'Mars/Olympus').map((i) => i.message)).toEqual([
      `Node "n1" (trigger.schedule): has no timezone, and the workspace's ("Mars/Olympus") is not an IANA timezone`,
    ]);
    expect(schedule({ cron: '0 9 * * 1', timezone: 'Asia/Tokyo' }, 'Mars/Olympus')).toEqual([]);
  });

  it('looks segments up only when told how', () => {
    const segmentExists = (id: number) => id === 7;
    expect(issuesOf('trigger.segment-entry', { segmentId: 42 })).toEqual([]);
    expect(issuesOf('trigger.segment-exit', { segmentId: 42 }, { segmentExists })).toEqual([
      {
        code: 'unknown-segment',
        message: 'Node "n1" (trigger.segment-exit): segment 42 does not exist',
        nodeId: 'n1',
        path: 'config.segmentId',
      },
    ]);
    expect(issuesOf('trigger.schedule', { cron: '0 5 * * *', segmentId: 42 }, { segmentExists })).toHaveLength(1);
    expect(issuesOf('trigger.segment-entry', { segmentId: 7 }, { segmentExists })).toEqual([]);
    const member = rule({ type: 'segment', operator: 'member', segmentId: 42 });
    expect(issuesOf('branch', { conditions: [{ id: 'in-42', rule: member }] }, { segmentExists })).toEqual([
      {
        code: 'unknown-segment',
        message: 'Node "n1" (branch): condition "in-42" reads segment 42, which does not exist',
        nodeId: 'n1',
        path: 'config.conditions.0.rule',
      },
    ]);
  });
});
