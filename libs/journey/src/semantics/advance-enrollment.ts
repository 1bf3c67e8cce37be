import type { Channel, EventMatch, NodeConfig, SendChannel } from '../graph/journey-graph.schema';
import type { JourneyIndex, ParsedNode } from '../graph/journey-index';
import { isTriggerNode, NEXT } from '../graph/node-exits';
import { addCalendarDays, addDuration, endOfQuietHours, nextWallClockTime, type QuietHours } from '../time/zoned-time';
import { deterministicDraw, pickWeighted } from './deterministic-draw';

export type HoldoutGroup = 'treatment' | 'control';

/** Where an enrolment stands: what the engine stores between steps (enrollment row). */
export interface EnrollmentPosition {
  nodeId: string;
  /** When the enrolment arrived at `nodeId` (waits and goals count from it). */
  arrivedAt: Date;
  /** When the engine must look at it again; null once it has left the journey. */
  wakeAt: Date | null;
  /** How many times each node has been entered: a send's idempotency key carries the visit. */
  visits: Record<string, number>;
  holdoutGroup: HoldoutGroup | null;
  /** The split arm taken at each split node. */
  arms: Record<string, string>;
}

/** What the engine knows about the customer now; all of it is read before the step, none during. */
export interface CustomerFacts {
  customerId: number;
  /** Consent per channel (absent: none recorded, which means no). */
  consents: Partial<Record<Channel, boolean>>;
  /** Branch conditions the engine evaluated for this customer, by `branchConditionKey`. */
  conditions: Record<string, boolean>;
  /** The event that woke a wait-for-event at the current node (it matched the node's filters). */
  resumedByEvent?: { eventId: string; at: Date } | undefined;
  /** A conversion of one of the journey's goals since entering: the customer exits converted. */
  converted?: { goalNodeId: string; at: Date } | undefined;
  /** Messages created for this customer within the frequency-cap window, overall and per channel. */
  recentMessages: { total: number; byChannel: Partial<Record<Channel, number>> };
  /** Response propensity per channel (higher is likelier), for sends to channel "best". */
  propensity?: Partial<Record<Channel, number>> | undefined;
}

export interface FrequencyCap {
  windowDays: number;
  /** At most this many messages per channel in the window (null: no cap). */
  perChannel: number | null;
  /** At most this many messages across channels in the window (null: no cap). */
  overall: number | null;
}

/** The workspace's delivery rules, and what the global rate limits leave for this step. */
export interface DeliveryPolicy {
  timeZone: string;
  quietHours: QuietHours | null;
  /** Channels quiet hours do not hold back (a printed DM is not a night-time ping). */
  quietHoursExempt: readonly Channel[];
  frequencyCap: FrequencyCap;
  /** Sends each channel may still create now under its rate limit (absent: unlimited). */
  channelBudget: Partial<Record<Channel, number>>;
  /** When the rate-limit window reopens (a send over budget waits until then). */
  rateWindowEndsAt: Date;
}

export interface JourneyContext {
  /** Fixes holdout and split draws per journey (not per version: a new version keeps the groups). */
  journeyId: number;
  /** When the enrolment entered the journey (goal windows count from it). */
  enteredAt: Date;
  index: JourneyIndex;
}

export type SuppressionReason = 'no-consent' | 'frequency-cap' | 'no-channel' | 'no-template';

export type StepAction =
  | { kind: 'send'; nodeId: string; visit: number; channel: Channel; templateId: string }
  | {
      kind: 'suppressed';
      nodeId: string;
      visit: number;
      channel: SendChannel;
      templateId: string | null;
      reason: SuppressionReason;
    }
  | { kind: 'update'; nodeId: string; visit: number; update: NodeConfig<'update'> };

/** One move from a node along an exit; `to` null when the enrolment left the journey there. */
export interface Transition {
  from: string;
  handle: string;
  to: string | null;
  at: Date;
}

export type ExitOutcome = 'completed' | 'converted' | 'goal-missed';

export type StepStatus =
  | { kind: 'waiting'; wakeAt: Date; waitingForEvent: EventMatch | null; reason: WaitReason }
  | { kind: 'exited'; outcome: ExitOutcome }
  /** A branch needs its conditions evaluated for this customer (SQL, by the engine); call again with them. */
  | { kind: 'needs-conditions'; nodeId: string; conditionKeys: string[] };

export type WaitReason = 'wait' | 'wait-for-event' | 'goal' | 'quiet-hours' | 'rate-limit' | 'scheduled-start';

export interface StepResult {
  position: EnrollmentPosition;
  status: StepStatus;
  transitions: Transition[];
  actions: StepAction[];
}

/** Steps one enrolment may take in one call: a valid graph has a wait in every cycle, so this is a guard. */
export const MAX_STEPS_PER_ADVANCE = 200;

export class JourneyLoopError extends Error {
  constructor(readonly nodeId: string) {
    super(`the journey took ${MAX_STEPS_PER_ADVANCE} steps without waiting, last at node "${nodeId}"`);
  }
}

export function branchConditionKey(nodeId: string, conditionId: string): string {
  return `${nodeId}:${conditionId}`;
}

/** The first position of an enrolment at its trigger node, due at `startAt`. */
export function startPosition(triggerNodeId: string, enteredAt: Date, startAt: Date = enteredAt): EnrollmentPosition {
  return {
    nodeId: triggerNodeId,
    arrivedAt: enteredAt,
    wakeAt: startAt,
    visits: { [triggerNodeId]: 1 },
    holdoutGroup: null,
    arms: {},
  };
}

/**
 * Moves an enrolment as far as it can go at `now`: through every node that does not wait, until
 * it waits, leaves, or reaches a branch whose conditions the engine has still to evaluate. Pure:
 * the engine, the dry run and the editor run this same function; the engine writes what it returns.
 */
export function advanceEnrollment(
  journey: JourneyContext,
  start: EnrollmentPosition,
  facts: CustomerFacts,
  policy: DeliveryPolicy,
  now: Date,
): StepResult {
  const position: EnrollmentPosition = {
    ...start,
    visits: { ...start.visits },
    arms: { ...start.arms },
  };
  const transitions: Transition[] = [];
  const actions: StepAction[] = [];
  const budget = { ...policy.channelBudget };
  const sentNow = { total: 0, byChannel: {} as Partial<Record<Channel, number>> };

  const result = (status: StepStatus): StepResult => ({
    position: {
      ...position,
      wakeAt: status.kind === 'waiting' ? status.wakeAt : status.kind === 'exited' ? null : now,
    },
    status,
    transitions,
    actions,
  });
  const wait = (wakeAt: Date, reason: WaitReason, waitingForEvent: EventMatch | null = null) =>
    result({ kind: 'waiting', wakeAt, waitingForEvent, reason });
  const exit = (outcome: ExitOutcome) => result({ kind: 'exited', outcome });

  /** Leaves the current node by `handle`: to the connected node (a new visit), or out of the journey. */
  const move = (handle: string): boolean => {
    const from = position.nodeId;
    const to = journey.index.target(from, handle) ?? null;
    transitions.push({ from, handle, to, at: now });
    if (to === null) return false;
    position.nodeId = to;
    position.arrivedAt = now;
    position.visits[to] = (position.visits[to] ?? 0) + 1;
    return true;
  };

  // A conversion ends the journey wherever the customer is: they exit as converted.
  if (facts.converted) {
    transitions.push({ from: position.nodeId, handle: 'converted', to: null, at: now });
    return exit('converted');
  }

  // `fresh`: the node was just entered in this call; otherwise the engine woke us at a node we were waiting at.
  let fresh = false;
  for (let step = 0; step < MAX_STEPS_PER_ADVANCE; step++) {
    const node = journey.index.node(position.nodeId);
    if (!node) {
      // A migration mapped the enrolment to a node the version lacks: leave rather than guess.
      transitions.push({ from: position.nodeId, handle: 'missing-node', to: null, at: now });
      return exit('completed');
    }
    const visit = position.visits[node.id] ?? 1;
    const outcome = stepNode(node, fresh, visit);
    if (outcome.kind === 'stop') return outcome.result;
    if (!move(outcome.handle)) return exit('completed');
    fresh = true;
  }
  throw new JourneyLoopError(position.nodeId);

  function stepNode(
    node: ParsedNode,
    fresh: boolean,
    visit: number,
  ): { kind: 'move'; handle: string } | { kind: 'stop'; result: StepResult } {
    const stop = (r: StepResult) => ({ kind: 'stop' as const, result: r });
    const go = (handle: string) => ({ kind: 'move' as const, handle });
    if (isTriggerNode(node)) {
      // An enrolment waits at its trigger until its start (date-relative triggers start later).
      if (position.wakeAt && position.wakeAt > now) return stop(wait(position.wakeAt, 'scheduled-start'));
      return go(NEXT);
    }
    switch (node.type) {
      case 'wait': {
        const wakeAt = fresh ? waitUntil(node.config, now, policy.timeZone) : (position.wakeAt ?? now);
        return wakeAt > now ? stop(wait(wakeAt, 'wait')) : go(NEXT);
      }
      case 'wait-for-event': {
        const deadline = fresh ? addDuration(now, node.config.timeout, policy.timeZone) : (position.wakeAt ?? now);
        // "happened" only for an event while waiting: one after the deadline (a late tick) is a timeout.
        const event = fresh ? undefined : facts.resumedByEvent;
        if (event && event.at >= position.arrivedAt && event.at <= deadline) return go('happened');
        if (deadline <= now) return go('timeout');
        return stop(
          wait(deadline, 'wait-for-event', { eventName: node.config.eventName, filters: node.config.filters }),
        );
      }
      case 'branch': {
        const keys = node.config.conditions.map((c) => branchConditionKey(node.id, c.id));
        if (keys.some((key) => facts.conditions[key] === undefined)) {
          return stop(result({ kind: 'needs-conditions', nodeId: node.id, conditionKeys: keys }));
        }
        const first = node.config.conditions.find((c) => facts.conditions[branchConditionKey(node.id, c.id)]);
        return go(first ? first.id : 'else');
      }
      case 'split': {
        // A revisit (or a migrated enrolment) keeps the arm it took, while that arm still exists.
        const taken = node.config.arms.find((a) => a.id === position.arms[node.id]);
        const arm =
          taken ??
          pickWeighted(
            node.config.arms,
            deterministicDraw(`split:${journey.journeyId}:${node.id}:${facts.customerId}`),
          );
        if (!arm) return stop(exit('completed'));
        position.arms[node.id] = arm.id;
        return go(arm.id);
      }
      case 'holdout': {
        // One group per customer and journey: a second holdout node (or a revisit) keeps the first
        // decision, so the recorded group is always the path taken.
        const group: HoldoutGroup =
          position.holdoutGroup ??
          (deterministicDraw(`holdout:${journey.journeyId}:${facts.customerId}`) * 100 < node.config.controlShare
            ? 'control'
            : 'treatment');
        position.holdoutGroup = group;
        return go(group);
      }
      case 'send':
        return sendAt(node, visit);
      case 'update':
        actions.push({ kind: 'update', nodeId: node.id, visit, update: node.config });
        return go(NEXT);
      case 'goal': {
        const deadline = addCalendarDays(journey.enteredAt, node.config.withinDays, policy.timeZone);
        if (deadline <= now) {
          transitions.push({ from: node.id, handle: 'goal-missed', to: null, at: now });
          return stop(exit('goal-missed'));
        }
        const waitingFor = node.config.conversion.kind === 'event' ? node.config.conversion : null;
        return stop(
          wait(deadline, 'goal', waitingFor ? { eventName: waitingFor.eventName, filters: waitingFor.filters } : null),
        );
      }
      case 'exit':
        transitions.push({ from: node.id, handle: 'exit', to: null, at: now });
        return stop(exit('completed'));
      default:
        return go(NEXT);
    }
  }

  function sendAt(node: Extract<ParsedNode, { type: 'send' }>, visit: number) {
    const stop = (r: StepResult) => ({ kind: 'stop' as const, result: r });
    const go = (handle: string) => ({ kind: 'move' as const, handle });
    const { templateId } = node.config;
    const suppress = (channel: SendChannel, reason: SuppressionReason) => {
      actions.push({ kind: 'suppressed', nodeId: node.id, visit, channel, templateId: templateId ?? null, reason });
      return go(NEXT);
    };
    if (!templateId) return suppress(node.config.channel, 'no-template');
    const channel = chooseChannel(node.config, facts);
    if (!channel) return suppress(node.config.channel, node.config.channel === 'best' ? 'no-channel' : 'no-consent');
    const cap = policy.frequencyCap;
    const sentOnChannel = (facts.recentMessages.byChannel[channel] ?? 0) + (sentNow.byChannel[channel] ?? 0);
    const sentOverall = facts.recentMessages.total + sentNow.total;
    if (
      (cap.perChannel !== null && sentOnChannel >= cap.perChannel) ||
      (cap.overall !== null && sentOverall >= cap.overall)
    ) {
      return suppress(channel, 'frequency-cap');
    }
    // After the cap: a message the cap refuses anyway must not hold the path until morning.
    if (!policy.quietHoursExempt.includes(channel)) {
      const opensAt = endOfQuietHours(now, policy.quietHours, policy.timeZone);
      if (opensAt > now) return stop(wait(opensAt, 'quiet-hours'));
    }
    const left = budget[channel];
    if (left !== undefined) {
      if (left <= 0) return stop(wait(policy.rateWindowEndsAt, 'rate-limit'));
      budget[channel] = left - 1;
    }
    sentNow.total++;
    sentNow.byChannel[channel] = (sentNow.byChannel[channel] ?? 0) + 1;
    actions.push({ kind: 'send', nodeId: node.id, visit, channel, templateId });
    return go(NEXT);
  }
}

/** The channel a send goes out on: the configured one when consented; for "best", the likeliest consented. */
export function chooseChannel(
  config: NodeConfig<'send'>,
  facts: Pick<CustomerFacts, 'consents' | 'propensity'>,
): Channel | null {
  if (config.channel !== 'best') return facts.consents[config.channel] ? config.channel : null;
  const candidates = (config.channels ?? (['line', 'email', 'sms', 'dm'] as const)).filter((c) => facts.consents[c]);
  if (!candidates.length) return null;
  // Stable: equal (or missing) propensities keep the configured order of preference.
  return [...candidates].sort((a, b) => (facts.propensity?.[b] ?? 0) - (facts.propensity?.[a] ?? 0))[0] ?? null;
}

function waitUntil(config: NodeConfig<'wait'>, now: Date, timeZone: string): Date {
  if (config.mode === 'duration') return addDuration(now, config.duration, timeZone);
  return nextWallClockTime(now, config.time, config.weekdays ?? [], timeZone);
}
