import type { Rule, SegmentRule } from './segment-rule.schema';

/**
 * What a rule reads, so the engine refreshes a segment when (and only when) its inputs change:
 * events of these names, orders, profiles, analytics figures... and whether it depends on the
 * passing of time alone ("bought within the last 30 days" changes with no new data).
 */
export interface RuleDependencies {
  /** Customer fields and custom attributes. */
  profile: boolean;
  identities: boolean;
  consent: boolean;
  /** Orders and their lines, products (filters by series, category, tag). */
  purchases: boolean;
  /** customer_metrics: RFM, RF cell, stable segment, preferences... (the analytics refresh). */
  analytics: boolean;
  /** Score models read. */
  scores: string[];
  /** Event names read. */
  events: string[];
  /** Segments whose membership is read. */
  segments: number[];
  /** A window or a "days ago" comparison relative to the refresh time. */
  relativeTime: boolean;
}

const RELATIVE_OPERATORS = new Set(['within_last_days', 'more_than_days_ago']);

function collect(
  rule: Rule,
  into: RuleDependencies,
  sets: { scores: Set<string>; events: Set<string>; segments: Set<number> },
): void {
  if ('operator' in rule && RELATIVE_OPERATORS.has(rule.operator)) into.relativeTime = true;
  switch (rule.type) {
    case 'group':
      rule.rules.forEach((child) => collect(child, into, sets));
      return;
    case 'attribute':
      into.profile = true;
      return;
    case 'identity':
      into.identities = true;
      return;
    case 'consent':
      into.consent = true;
      return;
    case 'purchase':
      into.purchases = true;
      if (rule.window?.lastDays !== undefined) into.relativeTime = true;
      return;
    case 'metric':
    case 'preference':
      into.analytics = true;
      return;
    case 'score':
      sets.scores.add(rule.model);
      return;
    case 'event':
      sets.events.add(rule.name);
      if (rule.window?.lastDays !== undefined) into.relativeTime = true;
      return;
    case 'segment':
      sets.segments.add(rule.segmentId);
      return;
  }
}

export function ruleDependencies(rule: SegmentRule): RuleDependencies {
  const dependencies: RuleDependencies = {
    profile: false,
    identities: false,
    consent: false,
    purchases: false,
    analytics: false,
    scores: [],
    events: [],
    segments: [],
    relativeTime: false,
  };
  const sets = { scores: new Set<string>(), events: new Set<string>(), segments: new Set<number>() };
  collect(rule.root, dependencies, sets);
  dependencies.scores = [...sets.scores].sort();
  dependencies.events = [...sets.events].sort();
  dependencies.segments = [...sets.segments].sort((a, b) => a - b);
  return dependencies;
}
