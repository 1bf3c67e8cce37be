import { journeyGraphSchema, type NodeType } from '../graph/journey-graph.schema';
import { JourneyIndex } from '../graph/journey-index';
import {
  advanceEnrollment,
  chooseChannel,
  JourneyLoopError,
  startPosition,
  type CustomerFacts,
  type DeliveryPolicy,
  type EnrollmentPosition,
  type JourneyContext,
  type StepResult,
} from './advance-enrollment';

// ---------------------------------------------------------------------------------------------
// Fixtures: a journey from a list of nodes and `[source, target, handle?]` edges.

type NodeSpec = [id: string, type: NodeType, config?: Record<string, unknown>];
type EdgeSpec = [source: string, target: string, handle?: string];

function journeyOf(nodes: NodeSpec[], edges: EdgeSpec[], options: { journeyId?: number; enteredAt?: Date } = {}) {
  const graph = journeyGraphSchema.parse({
    version: 1,
    nodes: nodes.map(([id, type, config = {}]) => ({ id, type, config })),
    edges: edges.map(([source, target, sourceHandle]) => ({
      id: `${source}-${sourceHandle ?? 'next'}-${target}`,
      source,
      target,
      sourceHandle,
    })),
  });
  const journey: JourneyContext = {
    journeyId: options.journeyId ?? 1,
    enteredAt: options.enteredAt ?? MON_10_JST,
    index: new JourneyIndex(graph),
  };
  return journey;
}

const TRIGGER: NodeSpec = ['trigger', 'trigger.segment-entry', { segmentId: 7 }];
const EXIT: NodeSpec = ['exit', 'exit'];
const sendNode = (id: string, channel: string, templateId: string | undefined = `tpl-${id}`): NodeSpec => [
  id,
  'send',
  { channel, templateId },
];
const waitDays = (id: string, amount: number): NodeSpec => [
  id,
  'wait',
  { mode: 'duration', duration: { amount, unit: 'days' } },
];

/** Monday 2026-04-06 10:00 JST. */
const MON_10_JST = new Date('2026-04-06T01:00:00.000Z');

function factsOf(overrides: Partial<CustomerFacts> = {}): CustomerFacts {
  return {
    customerId: 42,
    consents: { email: true, line: true, sms: true, dm: true },
    conditions: {},
    recentMessages: { total: 0, byChannel: {} },
    ...overrides,
  };
}

function policyOf(overrides: Partial<DeliveryPolicy> = {}): DeliveryPolicy {
  return {
    timeZone: 'Asia/Tokyo',
    quietHours: null,
    quietHoursExempt: [],
    frequencyCap: { windowDays: 7, perChannel: null, overall: null },
    channelBudget: {},
    rateWindowEndsAt: new Date('2026-04-06T01:01:00.000Z'),
    ...overrides,
  };
}

/** Enters at the trigger and advances at `now` (default: the moment of entry). */
function enter(journey: JourneyContext, facts = factsOf(), policy = policyOf(), now = journey.enteredAt): StepResult {
  return advanceEnrollment(journey, startPosition('trigger', journey.enteredAt), facts, policy, now);
}

// ---------------------------------------------------------------------------------------------

describe('advanceEnrollment', () => {
  describe('a welcome series: trigger -> send -> wait 3 days -> send -> exit', () => {
    const journey = journeyOf(
      [TRIGGER, sendNode('welcome', 'email'), waitDays('wait', 3), sendNode('reminder', 'line'), EXIT],
      [
        ['trigger', 'welcome'],
        ['welcome', 'wait'],
        ['wait', 'reminder'],
        ['reminder', 'exit'],
      ],
    );

    it('sends the first message and waits three calendar days', () => {
      const result = enter(journey);
      expect(result.actions).toEqual([
        { kind: 'send', nodeId: 'welcome', visit: 1, channel: 'email', templateId: 'tpl-welcome' },
      ]);
      expect(result.status).toEqual({
        kind: 'waiting',
        wakeAt: new Date('2026-04-09T01:00:00.000Z'),
        waitingForEvent: null,
        reason: 'wait',
      });
      expect(result.position).toEqual({
        nodeId: 'wait',
        arrivedAt: MON_10_JST,
        wakeAt: new Date('2026-04-09T01:00:00.000Z'),
        visits: { trigger: 1, welcome: 1, wait: 1 },
        holdoutGroup: null,
        arms: {},
      });
      expect(result.transitions).toEqual([
        { from: 'trigger', handle: 'next', to: 'welcome', at: MON_10_JST },
        { from: 'welcome', handle: 'next', to: 'wait', at: MON_10_JST },
      ]);
    });

    it('waits again, with the same wake time, when woken early', () => {
      const first = enter(journey);
      const early = advanceEnrollment(journey, first.position, factsOf(), policyOf(), new Date('2026-04-08T01:00:00Z'));
      expect(early.status).toEqual({
        kind: 'waiting',
        wakeAt: new Date('2026-04-09T01:00:00.000Z'),
        waitingForEvent: null,
        reason: 'wait',
      });
      expect(early.actions).toEqual([]);
      expect(early.transitions).toEqual([]);
    });

    it('sends the second message at the wake time and exits completed', () => {
      const first = enter(journey);
      const wakeAt = new Date('2026-04-09T01:00:00.000Z');
      const second = advanceEnrollment(journey, first.position, factsOf(), policyOf(), wakeAt);
      expect(second.actions).toEqual([
        { kind: 'send', nodeId: 'reminder', visit: 1, channel: 'line', templateId: 'tpl-reminder' },
      ]);
      expect(second.status).toEqual({ kind: 'exited', outcome: 'completed' });
      expect(second.position.wakeAt).toBeNull();
      expect(second.position.visits).toEqual({ trigger: 1, welcome: 1, wait: 1, reminder: 1, exit: 1 });
      expect(second.transitions).toEqual([
        { from: 'wait', handle: 'next', to: 'reminder', at: wakeAt },
        { from: 'reminder', handle: 'next', to: 'exit', at: wakeAt },
        { from: 'exit', handle: 'exit', to: null, at: wakeAt },
      ]);
    });

    it('does not change the position it was given', () => {
      const start = startPosition('trigger', MON_10_JST);
      const copy = structuredClone(start);
      advanceEnrollment(journey, start, factsOf(), policyOf(), MON_10_JST);
      expect(start).toEqual(copy);
    });
  });

  it('numbers each visit of a node in a loop: the send idempotency key changes per visit', () => {
    const journey = journeyOf(
      [TRIGGER, sendNode('daily', 'email'), waitDays('wait', 1)],
      [
        ['trigger', 'daily'],
        ['daily', 'wait'],
        ['wait', 'daily'],
      ],
    );
    const first = enter(journey);
    const second = advanceEnrollment(journey, first.position, factsOf(), policyOf(), first.position.wakeAt!);
    expect(first.actions).toEqual([
      { kind: 'send', nodeId: 'daily', visit: 1, channel: 'email', templateId: 'tpl-daily' },
    ]);
    expect(second.actions).toEqual([
      { kind: 'send', nodeId: 'daily', visit: 2, channel: 'email', templateId: 'tpl-daily' },
    ]);
    expect(second.position.visits).toEqual({ trigger: 1, daily: 2, wait: 2 });
    expect(second.position.wakeAt).toEqual(new Date('2026-04-08T01:00:00.000Z'));
  });

  it('waits until the next Monday 09:00 in Asia/Tokyo', () => {
    const journey = journeyOf(
      [TRIGGER, ['monday', 'wait', { mode: 'until', weekdays: [1], time: '09:00' }], EXIT],
      [
        ['trigger', 'monday'],
        ['monday', 'exit'],
      ],
    );
    // Sunday 2026-04-05 23:00 JST (14:00 UTC): Monday 09:00 JST is 10 hours later, 00:00 UTC.
    const sunday23 = new Date('2026-04-05T14:00:00.000Z');
    const result = advanceEnrollment(journey, startPosition('trigger', sunday23), factsOf(), policyOf(), sunday23);
    expect(result.status).toEqual({
      kind: 'waiting',
      wakeAt: new Date('2026-04-06T00:00:00.000Z'),
      waitingForEvent: null,
      reason: 'wait',
    });
    const woken = advanceEnrollment(journey, result.position, factsOf(), policyOf(), result.position.wakeAt!);
    expect(woken.status).toEqual({ kind: 'exited', outcome: 'completed' });
  });

  describe('wait-for-event', () => {
    const purchase = {
      eventName: 'order_completed',
      filters: [{ property: 'lines.sku', operator: 'eq', value: 'TRIAL-01' }],
    };
    const journey = journeyOf(
      [
        TRIGGER,
        ['bought', 'wait-for-event', { ...purchase, timeout: { amount: 2, unit: 'days' } }],
        sendNode('thanks', 'email'),
        sendNode('nudge', 'line'),
      ],
      [
        ['trigger', 'bought'],
        ['bought', 'thanks', 'happened'],
        ['bought', 'nudge', 'timeout'],
      ],
    );
    const deadline = new Date('2026-04-08T01:00:00.000Z');

    it('on arrival waits until now + timeout for the event', () => {
      const result = enter(journey);
      expect(result.status).toEqual({
        kind: 'waiting',
        wakeAt: deadline,
        waitingForEvent: purchase,
        reason: 'wait-for-event',
      });
      expect(result.position.wakeAt).toEqual(deadline);
    });

    it('leaves by "happened" when woken by the event', () => {
      const waiting = enter(journey).position;
      const now = new Date('2026-04-07T03:00:00.000Z');
      const facts = factsOf({ resumedByEvent: { eventId: 'ev-1', at: new Date('2026-04-07T02:59:00.000Z') } });
      const result = advanceEnrollment(journey, waiting, facts, policyOf(), now);
      expect(result.transitions[0]).toEqual({ from: 'bought', handle: 'happened', to: 'thanks', at: now });
      expect(result.actions).toEqual([
        { kind: 'send', nodeId: 'thanks', visit: 1, channel: 'email', templateId: 'tpl-thanks' },
      ]);
      expect(result.status).toEqual({ kind: 'exited', outcome: 'completed' });
    });

    it('leaves by "timeout" when woken at the deadline without the event', () => {
      const waiting = enter(journey).position;
      const result = advanceEnrollment(journey, waiting, factsOf(), policyOf(), deadline);
      expect(result.transitions[0]).toEqual({ from: 'bought', handle: 'timeout', to: 'nudge', at: deadline });
      expect(result.actions).toEqual([
        { kind: 'send', nodeId: 'nudge', visit: 1, channel: 'line', templateId: 'tpl-nudge' },
      ]);
    });

    it('ignores an event from before the arrival and keeps waiting for the same deadline', () => {
      const waiting = enter(journey).position;
      const facts = factsOf({ resumedByEvent: { eventId: 'ev-0', at: new Date('2026-04-06T00:00:00.000Z') } });
      const result = advanceEnrollment(journey, waiting, facts, policyOf(), new Date('2026-04-07T00:00:00.000Z'));
      expect(result.status).toEqual({
        kind: 'waiting',
        wakeAt: deadline,
        waitingForEvent: purchase,
        reason: 'wait-for-event',
      });
      expect(result.transitions).toEqual([]);
    });

    it('counts an event at the deadline, but not one after it, as having happened while waiting', () => {
      const waiting = enter(journey).position;
      const lateNow = new Date('2026-04-08T01:05:00.000Z');
      const atDeadline = factsOf({ resumedByEvent: { eventId: 'ev-2', at: deadline } });
      const afterDeadline = factsOf({ resumedByEvent: { eventId: 'ev-3', at: new Date('2026-04-08T01:00:01.000Z') } });
      expect(advanceEnrollment(journey, waiting, atDeadline, policyOf(), lateNow).transitions[0]?.handle).toBe(
        'happened',
      );
      expect(advanceEnrollment(journey, waiting, afterDeadline, policyOf(), lateNow).transitions[0]?.handle).toBe(
        'timeout',
      );
    });

    it('does not take the event that woke an earlier wait for a wait entered in the same step', () => {
      const chained = journeyOf(
        [
          TRIGGER,
          ['first', 'wait-for-event', { eventName: 'line_click', timeout: { amount: 1, unit: 'days' } }],
          ['second', 'wait-for-event', { eventName: 'line_click', timeout: { amount: 1, unit: 'days' } }],
        ],
        [
          ['trigger', 'first'],
          ['first', 'second', 'happened'],
        ],
      );
      const waiting = enter(chained).position;
      const now = new Date('2026-04-06T05:00:00.000Z');
      const facts = factsOf({ resumedByEvent: { eventId: 'ev-1', at: now } });
      const result = advanceEnrollment(chained, waiting, facts, policyOf(), now);
      expect(result.position.nodeId).toBe('second');
      expect(result.status).toEqual({
        kind: 'waiting',
        wakeAt: new Date('2026-04-07T05:00:00.000Z'),
        waitingForEvent: { eventName: 'line_click', filters: [] },
        reason: 'wait-for-event',
      });
    });
  });

  describe('branch', () => {
    const rule = {
      version: 1,
      root: { type: 'group', combinator: 'and', rules: [{ type: 'segment', operator: 'member', segmentId: 3 }] },
    };
    const journey = journeyOf(
      [
        TRIGGER,
        [
          'tier',
          'branch',
          {
            conditions: [
              { id: 'vip', rule },
              { id: 'active', rule },
            ],
          },
        ],
        sendNode('to-vip', 'email'),
        sendNode('to-active', 'email'),
        sendNode('to-others', 'email'),
      ],
      [
        ['trigger', 'tier'],
        ['tier', 'to-vip', 'vip'],
        ['tier', 'to-active', 'active'],
        ['tier', 'to-others', 'else'],
      ],
    );
    const atBranch = () => enter(journey).position;
    const sentTo = (conditions: Record<string, boolean>) =>
      advanceEnrollment(journey, atBranch(), factsOf({ conditions }), policyOf(), MON_10_JST).actions.map(
        (action) => action.nodeId,
      );

    it('asks for its conditions by key and stays at the branch', () => {
      const result = enter(journey);
      expect(result.status).toEqual({
        kind: 'needs-conditions',
        nodeId: 'tier',
        conditionKeys: ['tier:vip', 'tier:active'],
      });
      expect(result.position.nodeId).toBe('tier');
      expect(result.position.wakeAt).toEqual(MON_10_JST);
      expect(result.position.visits).toEqual({ trigger: 1, tier: 1 });
    });

    it('asks again while any condition is missing', () => {
      const result = advanceEnrollment(
        journey,
        atBranch(),
        factsOf({ conditions: { 'tier:vip': false } }),
        policyOf(),
        MON_10_JST,
      );
      expect(result.status.kind).toBe('needs-conditions');
    });

    it('takes the first condition that holds, else "else"', () => {
      expect(sentTo({ 'tier:vip': false, 'tier:active': true })).toEqual(['to-active']);
      expect(sentTo({ 'tier:vip': true, 'tier:active': true })).toEqual(['to-vip']);
      expect(sentTo({ 'tier:vip': false, 'tier:active': false })).toEqual(['to-others']);
    });

    it('does not count the branch visit twice when called again with the conditions', () => {
      const result = advanceEnrollment(
        journey,
        atBranch(),
        factsOf({ conditions: { 'tier:vip': true, 'tier:active': false } }),
        policyOf(),
        MON_10_JST,
      );
      expect(result.position.visits).toEqual({ trigger: 1, tier: 1, 'to-vip': 1 });
    });
  });

  describe('split', () => {
    const journey = journeyOf(
      [
        TRIGGER,
        [
          'ab',
          'split',
          {
            arms: [
              { id: 'a', weight: 50 },
              { id: 'b', weight: 30 },
              { id: 'c', weight: 20 },
            ],
          },
        ],
      ],
      [['trigger', 'ab']],
    );
    const armOf = (customerId: number) => enter(journey, factsOf({ customerId })).position.arms.ab;

    it('divides 10,000 customers within 2 percentage points of the weights', () => {
      const counts: Record<string, number> = {};
      for (let customerId = 1; customerId <= 10_000; customerId++) {
        const arm = armOf(customerId)!;
        counts[arm] = (counts[arm] ?? 0) + 1;
      }
      expect(Math.abs(counts.a! / 100 - 50)).toBeLessThanOrEqual(2);
      expect(Math.abs(counts.b! / 100 - 30)).toBeLessThanOrEqual(2);
      expect(Math.abs(counts.c! / 100 - 20)).toBeLessThanOrEqual(2);
    });

    it('sends the same customer down the same arm every time, and records it', () => {
      const customers = Array.from({ length: 50 }, (_, i) => i * 97 + 1);
      const first = customers.map(armOf);
      expect(customers.map(armOf)).toEqual(first);
      const result = enter(journey, factsOf({ customerId: 42 }));
      expect(result.transitions[1]).toEqual({ from: 'ab', handle: result.position.arms.ab, to: null, at: MON_10_JST });
    });
  });

  describe('holdout', () => {
    const holdoutJourney = (journeyId: number) =>
      journeyOf([TRIGGER, ['holdout', 'holdout', { controlShare: 10 }]], [['trigger', 'holdout']], { journeyId });
    const controls = (journeyId: number) => {
      const journey = holdoutJourney(journeyId);
      const ids = new Set<number>();
      for (let customerId = 1; customerId <= 10_000; customerId++) {
        const result = enter(journey, factsOf({ customerId }));
        expect(result.transitions[1]?.handle).toBe(result.position.holdoutGroup);
        if (result.position.holdoutGroup === 'control') ids.add(customerId);
      }
      return ids;
    };

    it('holds back about 10% of 10,000 customers, the same ones every time', () => {
      const first = controls(1);
      expect(Math.abs(first.size / 100 - 10)).toBeLessThanOrEqual(1.5);
      expect(controls(1)).toEqual(first);
    });

    it('draws a different control group for another journey', () => {
      const one = controls(1);
      const two = controls(2);
      const inBoth = [...one].filter((id) => two.has(id)).length;
      // Independent draws share about 10% x 10% = 1% of customers (100); the same group would share ~1,000.
      expect(inBoth).toBeLessThan(200);
    });
  });

  describe('send', () => {
    const oneSend = (channel: string, templateId?: string) =>
      journeyOf(
        [TRIGGER, sendNode('send', channel, templateId), ['tag', 'update', { action: 'add-tag', tag: 'contacted' }]],
        [
          ['trigger', 'send'],
          ['send', 'tag'],
        ],
      );
    /** Monday 2026-04-06 22:30 JST. */
    const late = new Date('2026-04-06T13:30:00.000Z');
    const quiet = policyOf({ quietHours: { start: '21:00', end: '08:00' } });

    it('suppresses a send without consent and goes on', () => {
      const result = enter(oneSend('sms'), factsOf({ consents: { email: true } }));
      expect(result.actions).toEqual([
        { kind: 'suppressed', nodeId: 'send', visit: 1, channel: 'sms', templateId: 'tpl-send', reason: 'no-consent' },
        { kind: 'update', nodeId: 'tag', visit: 1, update: { action: 'add-tag', tag: 'contacted' } },
      ]);
      expect(result.status).toEqual({ kind: 'exited', outcome: 'completed' });
      expect(result.transitions.at(-1)).toEqual({ from: 'tag', handle: 'next', to: null, at: MON_10_JST });
    });

    it('suppresses a send without a template and goes on', () => {
      const journey = journeyOf([TRIGGER, ['send', 'send', { channel: 'email' }]], [['trigger', 'send']]);
      expect(enter(journey).actions).toEqual([
        { kind: 'suppressed', nodeId: 'send', visit: 1, channel: 'email', templateId: null, reason: 'no-template' },
      ]);
    });

    it('holds a send in quiet hours until they end, then sends with the same visit', () => {
      const journey = oneSend('line');
      const held = enter({ ...journey, enteredAt: late }, factsOf(), quiet, late);
      // 22:30 JST is in the 21:00-08:00 window: it opens at 08:00 JST the next day (23:00 UTC).
      expect(held.status).toEqual({
        kind: 'waiting',
        wakeAt: new Date('2026-04-06T23:00:00.000Z'),
        waitingForEvent: null,
        reason: 'quiet-hours',
      });
      expect(held.actions).toEqual([]);
      expect(held.position).toMatchObject({ nodeId: 'send', visits: { trigger: 1, send: 1 } });

      const sent = advanceEnrollment(journey, held.position, factsOf(), quiet, held.position.wakeAt!);
      expect(sent.actions[0]).toEqual({
        kind: 'send',
        nodeId: 'send',
        visit: 1,
        channel: 'line',
        templateId: 'tpl-send',
      });
      expect(sent.position.visits).toEqual({ trigger: 1, send: 1, tag: 1 });
    });

    it('sends DM in quiet hours when DM is exempt', () => {
      const journey = oneSend('dm');
      const exempt = policyOf({ quietHours: { start: '21:00', end: '08:00' }, quietHoursExempt: ['dm'] });
      expect(enter(journey, factsOf(), exempt, late).actions[0]).toEqual({
        kind: 'send',
        nodeId: 'send',
        visit: 1,
        channel: 'dm',
        templateId: 'tpl-send',
      });
      expect(enter(journey, factsOf(), quiet, late).status).toMatchObject({ kind: 'waiting', reason: 'quiet-hours' });
    });

    it('suppresses a send over the per-channel or overall frequency cap', () => {
      const journey = oneSend('email');
      const perChannel = policyOf({ frequencyCap: { windowDays: 7, perChannel: 2, overall: null } });
      const overall = policyOf({ frequencyCap: { windowDays: 7, perChannel: null, overall: 3 } });
      const recent = (total: number, email: number) => factsOf({ recentMessages: { total, byChannel: { email } } });

      expect(enter(journey, recent(2, 2), perChannel).actions[0]).toMatchObject({
        kind: 'suppressed',
        channel: 'email',
        reason: 'frequency-cap',
      });
      expect(enter(journey, recent(2, 1), perChannel).actions[0]).toMatchObject({ kind: 'send' });
      expect(enter(journey, recent(3, 0), overall).actions[0]).toMatchObject({ reason: 'frequency-cap' });
      expect(enter(journey, recent(2, 0), overall).actions[0]).toMatchObject({ kind: 'send' });
    });

    it('counts the sends of the same step against the cap', () => {
      const journey = journeyOf(
        [TRIGGER, sendNode('first', 'email'), sendNode('second', 'email'), sendNode('third', 'line')],
        [
          ['trigger', 'first'],
          ['first', 'second'],
          ['second', 'third'],
        ],
      );
      const policy = policyOf({ frequencyCap: { windowDays: 7, perChannel: 1, overall: 2 } });
      const facts = factsOf({ recentMessages: { total: 1, byChannel: { sms: 1 } } });
      expect(enter(journey, facts, policy).actions.map((a) => [a.nodeId, a.kind])).toEqual([
        ['first', 'send'],
        ['second', 'suppressed'],
        ['third', 'suppressed'],
      ]);
    });

    it('waits for the rate-limit window when the channel has no budget left', () => {
      const journey = journeyOf(
        [TRIGGER, sendNode('first', 'email'), sendNode('second', 'email')],
        [
          ['trigger', 'first'],
          ['first', 'second'],
        ],
      );
      const result = enter(journey, factsOf(), policyOf({ channelBudget: { email: 1, line: 0 } }));
      expect(result.actions).toEqual([
        { kind: 'send', nodeId: 'first', visit: 1, channel: 'email', templateId: 'tpl-first' },
      ]);
      expect(result.status).toEqual({
        kind: 'waiting',
        wakeAt: new Date('2026-04-06T01:01:00.000Z'),
        waitingForEvent: null,
        reason: 'rate-limit',
      });
      expect(result.position.nodeId).toBe('second');
    });

    it('sends "best" on the likeliest consented channel', () => {
      const journey = journeyOf(
        [TRIGGER, ['send', 'send', { channel: 'best', templateId: 'tpl', channels: ['line', 'email', 'sms'] }]],
        [['trigger', 'send']],
      );
      const facts = factsOf({
        consents: { email: true, sms: true },
        propensity: { line: 0.9, email: 0.2, sms: 0.5 },
      });
      expect(enter(journey, facts).actions).toEqual([
        { kind: 'send', nodeId: 'send', visit: 1, channel: 'sms', templateId: 'tpl' },
      ]);
      expect(enter(journey, factsOf({ consents: { dm: true } })).actions).toEqual([
        { kind: 'suppressed', nodeId: 'send', visit: 1, channel: 'best', templateId: 'tpl', reason: 'no-channel' },
      ]);
    });

    it('emits an update action', () => {
      expect(enter(oneSend('email')).actions[1]).toEqual({
        kind: 'update',
        nodeId: 'tag',
        visit: 1,
        update: { action: 'add-tag', tag: 'contacted' },
      });
    });
  });

  describe('goal', () => {
    const goalJourney = (conversion: Record<string, unknown>, enteredAt = MON_10_JST) =>
      journeyOf(
        [TRIGGER, waitDays('wait', 1), ['goal', 'goal', { name: 'First order', conversion, withinDays: 7 }]],
        [
          ['trigger', 'wait'],
          ['wait', 'goal'],
        ],
        { enteredAt },
      );
    const eventConversion = { kind: 'event', eventName: 'order_completed' };
    const atGoal = (journey: JourneyContext, policy = policyOf()) => {
      const waiting = enter(journey, factsOf(), policy);
      return advanceEnrollment(journey, waiting.position, factsOf(), policy, waiting.position.wakeAt!);
    };

    it('waits at the goal until 7 days after entering, for the conversion event', () => {
      expect(atGoal(goalJourney(eventConversion)).status).toEqual({
        kind: 'waiting',
        wakeAt: new Date('2026-04-13T01:00:00.000Z'),
        waitingForEvent: { eventName: 'order_completed', filters: [] },
        reason: 'goal',
      });
    });

    it('waits for a purchase without an event to watch', () => {
      expect(atGoal(goalJourney({ kind: 'purchase', minAmount: 3000 })).status).toMatchObject({
        wakeAt: new Date('2026-04-13T01:00:00.000Z'),
        waitingForEvent: null,
      });
    });

    it('counts the window in calendar days of the workspace zone, across a DST change', () => {
      // Saturday 2026-03-07 12:00 EST; clocks go forward on the 8th: 7 days later is 12:00 EDT (16:00 UTC).
      const journey = goalJourney(eventConversion, new Date('2026-03-07T17:00:00.000Z'));
      const status = atGoal(journey, policyOf({ timeZone: 'America/New_York' })).status;
      expect(status).toMatchObject({ kind: 'waiting', wakeAt: new Date('2026-03-14T16:00:00.000Z') });
    });

    it('exits as converted at once when the customer has converted, wherever they are', () => {
      const journey = goalJourney(eventConversion);
      const waiting = enter(journey).position;
      const now = new Date('2026-04-06T05:00:00.000Z');
      const facts = factsOf({ converted: { goalNodeId: 'goal', at: new Date('2026-04-06T04:00:00.000Z') } });
      const result = advanceEnrollment(journey, waiting, facts, policyOf(), now);
      expect(result.status).toEqual({ kind: 'exited', outcome: 'converted' });
      expect(result.transitions).toEqual([{ from: 'wait', handle: 'converted', to: null, at: now }]);
      expect(result.position.wakeAt).toBeNull();
      expect(result.actions).toEqual([]);
    });

    it('exits as goal-missed when woken at the deadline', () => {
      const journey = goalJourney(eventConversion);
      const waiting = atGoal(journey).position;
      const result = advanceEnrollment(journey, waiting, factsOf(), policyOf(), waiting.wakeAt!);
      expect(result.status).toEqual({ kind: 'exited', outcome: 'goal-missed' });
      expect(result.transitions).toEqual([
        { from: 'goal', handle: 'goal-missed', to: null, at: new Date('2026-04-13T01:00:00.000Z') },
      ]);
    });
  });

  it('ends with "completed" where an exit is not connected', () => {
    const journey = journeyOf([TRIGGER, sendNode('send', 'email')], [['trigger', 'send']]);
    const result = enter(journey);
    expect(result.status).toEqual({ kind: 'exited', outcome: 'completed' });
    expect(result.transitions.at(-1)).toEqual({ from: 'send', handle: 'next', to: null, at: MON_10_JST });
  });

  it('leaves when the position is at a node the graph lacks', () => {
    const journey = journeyOf([TRIGGER], []);
    const position: EnrollmentPosition = { ...startPosition('trigger', MON_10_JST), nodeId: 'removed' };
    const result = advanceEnrollment(journey, position, factsOf(), policyOf(), MON_10_JST);
    expect(result.status).toEqual({ kind: 'exited', outcome: 'completed' });
    expect(result.transitions).toEqual([{ from: 'removed', handle: 'missing-node', to: null, at: MON_10_JST }]);
  });

  it('waits at the trigger until a later start', () => {
    const journey = journeyOf([TRIGGER, EXIT], [['trigger', 'exit']]);
    const startAt = new Date('2026-04-09T01:00:00.000Z');
    const start = startPosition('trigger', MON_10_JST, startAt);
    const early = advanceEnrollment(journey, start, factsOf(), policyOf(), MON_10_JST);
    expect(early.status).toEqual({
      kind: 'waiting',
      wakeAt: startAt,
      waitingForEvent: null,
      reason: 'scheduled-start',
    });
    expect(early.transitions).toEqual([]);
    const due = advanceEnrollment(journey, early.position, factsOf(), policyOf(), startAt);
    expect(due.status).toEqual({ kind: 'exited', outcome: 'completed' });
  });

  it('throws JourneyLoopError on a cycle without a wait', () => {
    const journey = journeyOf(
      [
        TRIGGER,
        ['ping', 'update', { action: 'add-tag', tag: 'a' }],
        ['pong', 'update', { action: 'add-tag', tag: 'b' }],
      ],
      [
        ['trigger', 'ping'],
        ['ping', 'pong'],
        ['pong', 'ping'],
      ],
    );
    expect(() => enter(journey)).toThrow(JourneyLoopError);
    // 200 moves: trigger -> ping, then 199 between ping and pong, the last one arriving at pong.
    expect(() => enter(journey)).toThrow('the journey took 200 steps without waiting, last at node "pong"');
  });
});

describe('chooseChannel', () => {
  const consents = { email: true, line: true, sms: true };

  it('uses the configured channel only with consent', () => {
    expect(chooseChannel({ channel: 'line' }, { consents })).toBe('line');
    expect(chooseChannel({ channel: 'dm' }, { consents })).toBeNull();
  });

  it('keeps the configured order of preference on equal or missing propensities', () => {
    const channels = ['sms', 'email', 'line'] as const;
    expect(chooseChannel({ channel: 'best', channels: [...channels] }, { consents })).toBe('sms');
    expect(
      chooseChannel(
        { channel: 'best', channels: [...channels] },
        { consents, propensity: { email: 0.4, line: 0.4, sms: 0.1 } },
      ),
    ).toBe('email');
  });

  it('prefers LINE, then email, SMS and DM when no channels are configured', () => {
    expect(chooseChannel({ channel: 'best' }, { consents })).toBe('line');
    expect(chooseChannel({ channel: 'best' }, { consents: { dm: true, sms: true } })).toBe('sms');
    expect(chooseChannel({ channel: 'best' }, { consents: { line: false } })).toBeNull();
  });
});
