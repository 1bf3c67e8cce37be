import { ValidationFailedError } from '@kizuna/shared';
import { cycleIssues } from './graph-cycles';
import { nodeAdjacency, unreachableIssues } from './graph-paths';
import { duplicateIdIssues, edgeIssues, nodesById, triggerIssues } from './graph-structure';
import { journeyGraphSchema, type JourneyGraph } from './journey-graph.schema';
import { journeyErrorMap, pathText } from './journey-error-map';
import type { JourneyIssue } from './journey-issue';
import { nodeConfigIssues } from './node-config-issues';

export type { JourneyIssue, JourneyIssueCode } from './journey-issue';

export const DEFAULT_JOURNEY_TIME_ZONE = 'Asia/Tokyo';

export interface ValidateJourneyOptions {
  /** For schedule triggers without a timezone of their own: the workspace's (default Asia/Tokyo). */
  timeZone?: string;
  /** Whether the workspace has this segment; without it, segment ids are not looked up. */
  segmentExists?: (segmentId: number) => boolean;
  /** Whether the workspace has a template of this key for the channel; without it, templates are not looked up. */
  templateExists?: (channel: string, templateId: string) => boolean;
}

export type JourneyValidation =
  { ok: true; graph: JourneyGraph; issues: [] } | { ok: false; graph: JourneyGraph | null; issues: JourneyIssue[] };

/**
 * Checks a journey graph as the editor or the API sent it: its shape first (a graph that is not
 * one has only those issues, and `graph` null), then every rule at once, so a draft shows all its
 * problems on the canvas. A journey is published only without issues.
 */
export function validateJourney(input: unknown, options: ValidateJourneyOptions = {}): JourneyValidation {
  const parsed = journeyGraphSchema.safeParse(input, { error: journeyErrorMap });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue): JourneyIssue => {
      const path = pathText(issue.path);
      return { code: 'invalid-graph', message: path ? `${path}: ${issue.message}` : issue.message, path };
    });
    return { ok: false, graph: null, issues };
  }
  const graph = parsed.data;
  const nodes = nodesById(graph);
  const adjacency = nodeAdjacency(graph, nodes);
  const check = {
    timeZone: options.timeZone ?? DEFAULT_JOURNEY_TIME_ZONE,
    segmentExists: options.segmentExists,
    templateExists: options.templateExists,
  };
  const issues = [
    ...duplicateIdIssues(graph, nodes),
    ...triggerIssues(graph, nodes),
    ...edgeIssues(graph, nodes),
    ...graph.nodes.flatMap((node) => nodeConfigIssues(node, check)),
    ...unreachableIssues(adjacency),
    ...cycleIssues(adjacency),
  ];
  return issues.length === 0 ? { ok: true, graph, issues: [] } : { ok: false, graph, issues };
}

/** The graph, or a `ValidationFailedError` listing every issue by its node (or path in the graph). */
export function assertValidJourney(input: unknown, options?: ValidateJourneyOptions): JourneyGraph {
  const validation = validateJourney(input, options);
  if (validation.ok) return validation.graph;
  const { issues } = validation;
  const summary = issues
    .slice(0, 3)
    .map((issue) => issue.message)
    .join('; ');
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : '';
  throw new ValidationFailedError(
    `The journey is invalid: ${summary}${more}`,
    issues.map((issue) => ({ field: issue.nodeId ?? issue.path ?? '', message: issue.message })),
  );
}
