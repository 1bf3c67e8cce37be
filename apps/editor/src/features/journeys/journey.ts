// Type-only imports: this module is shared with the list page, which must not load the journey chunk.
import type { JourneyIssue } from '@kizuna/journey';

export type { JourneyIssue };

export const JOURNEY_STATUSES = ['draft', 'active', 'paused', 'archived'] as const;
export type JourneyStatus = (typeof JOURNEY_STATUSES)[number];

export const ENROLLMENT_STATES = ['active', 'completed', 'converted', 'goal-missed', 'exited'] as const;
export type EnrollmentState = (typeof ENROLLMENT_STATES)[number];

/** A row of `GET /v1/journeys`. */
export interface JourneySummary {
  id: number;
  name: string;
  description: string;
  status: JourneyStatus;
  currentVersion: number | null;
  draftUpdatedAt: string | null;
  /** Enrolments ever started, and those converted (all versions); absent from an older engine. */
  entered?: number;
  converted?: number;
}

/** A scenario of scenarios/ as `GET /v1/journeys/templates` lists it. */
export interface JourneyTemplateSummary {
  key: string;
  name: string;
  nameJa: string;
  description: string;
  descriptionJa: string;
}

/** `GET /v1/journeys/:id`: the draft as saved (possibly not a valid graph) and the engine's issues for it. */
export interface JourneyDetail extends JourneySummary {
  draft: unknown;
  issues: JourneyIssue[];
  enrollments: Partial<Record<EnrollmentState, number>>;
}

/** Treated against holdout, as the reports API (`GET /v1/reports/journeys/:id`) gives it. */
export interface LiftFigures {
  treatedRate: number;
  controlRate: number;
  /** Treated rate - control rate, with its confidence interval. */
  difference: { estimate: number; lower: number; upper: number };
  significant: boolean;
}

/** The parts of the journey lift report the editor shows. */
export interface JourneyLiftReport {
  /** The confidence level of the intervals (0.95 unless the workspace's report settings say otherwise). */
  method: { confidence: number };
  summary: { lift: LiftFigures | null };
  nodes: { version: number; nodeId: string; lift: LiftFigures | null }[];
}

/** A rate difference in percentage points, signed: 0.0234 -> "+2.3 pt". */
export function formatPoints(difference: number, locale: string): string {
  const points = new Intl.NumberFormat(locale, {
    maximumFractionDigits: 1,
    minimumFractionDigits: 1,
    signDisplay: 'exceptZero',
  }).format(difference * 100);
  return `${points} pt`;
}

/** Per node, the lift of the newest version that has one (older versions ran another graph). */
export function latestLiftByNode(report: JourneyLiftReport): Map<string, LiftFigures> {
  const newest = new Map<string, { version: number; lift: LiftFigures }>();
  for (const node of report.nodes) {
    if (!node.lift) continue;
    const seen = newest.get(node.nodeId);
    if (!seen || seen.version < node.version) newest.set(node.nodeId, { version: node.version, lift: node.lift });
  }
  return new Map([...newest].map(([nodeId, { lift }]) => [nodeId, lift]));
}

export interface DraftNode {
  id: string;
  /** A node type of the graph schema, or whatever a malformed draft holds. */
  type: string;
  label: string | null;
}

export function parseJourneyId(param: string | undefined): number | null {
  if (!param || !/^[1-9]\d{0,15}$/.test(param)) return null;
  const id = Number(param);
  return Number.isSafeInteger(id) ? id : null;
}

/**
 * The nodes of a draft as saved. Read leniently, not through the graph schema: a draft that fails
 * validation is exactly the one whose nodes the marketer needs to see next to its issues.
 */
export function draftNodes(draft: unknown): DraftNode[] {
  const nodes = isRecord(draft) && Array.isArray(draft['nodes']) ? (draft['nodes'] as unknown[]) : [];
  return nodes.filter(isRecord).map((node) => ({
    id: typeof node['id'] === 'string' ? node['id'] : '',
    type: typeof node['type'] === 'string' ? node['type'] : '',
    label: typeof node['label'] === 'string' && node['label'].trim() ? node['label'] : null,
  }));
}

export interface NodeIssues {
  /** Null for issues of the whole graph or of an edge. */
  nodeId: string | null;
  issues: JourneyIssue[];
}

/** Issues by node, nodes in the draft's order, then unknown node ids, then graph-level issues last. */
export function groupIssuesByNode(issues: readonly JourneyIssue[], nodes: readonly DraftNode[]): NodeIssues[] {
  const byNode = new Map<string | null, JourneyIssue[]>();
  for (const issue of issues) {
    const key = issue.nodeId ?? null;
    byNode.set(key, [...(byNode.get(key) ?? []), issue]);
  }
  const order = new Map(nodes.map((node, index) => [node.id, index]));
  const rank = (nodeId: string | null) => (nodeId === null ? Infinity : (order.get(nodeId) ?? nodes.length));
  return [...byNode]
    .map(([nodeId, grouped]) => ({ nodeId, issues: grouped }))
    .sort((a, b) => rank(a.nodeId) - rank(b.nodeId));
}

function issueKey(issue: JourneyIssue): string {
  return JSON.stringify([issue.code, issue.nodeId ?? null, issue.edgeId ?? null, issue.path ?? null, issue.message]);
}

/**
 * The engine's issues the browser did not find: the checks that need the workspace's data
 * (a branch on a deleted segment), which the editor cannot run.
 */
export function engineOnlyIssues(engine: readonly JourneyIssue[], browser: readonly JourneyIssue[]): JourneyIssue[] {
  const seen = new Set(browser.map(issueKey));
  return engine.filter((issue) => !seen.has(issueKey(issue)));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
