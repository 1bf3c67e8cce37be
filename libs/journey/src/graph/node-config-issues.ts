import type { z } from 'zod';
import { screenBranchRules, type BranchRuleScreen } from './branch-rule-issues';
import { nodeConfigSchemas, SEND_CHANNELS, type JourneyNode } from './journey-graph.schema';
import { journeyErrorMap, pathText } from './journey-error-map';
import { listInWords, nodeIssue, type JourneyIssue } from './journey-issue';
import { scheduleIssues, triggerSegmentIssues } from './trigger-config-issues';

export interface NodeConfigCheck {
  /** For schedules without a timezone of their own. */
  timeZone: string;
  segmentExists?: ((segmentId: number) => boolean) | undefined;
  templateExists?: ((channel: string, templateId: string) => boolean) | undefined;
}

/** Everything wrong with one node's config: its shape by type, then what the shape cannot say. */
export function nodeConfigIssues(node: JourneyNode, check: NodeConfigCheck): JourneyIssue[] {
  const branch = node.type === 'branch' ? screenBranchRules(node, check.segmentExists) : undefined;
  const issues = [...schemaIssues(node, branch), ...(branch?.issues ?? []), ...exitIdIssues(node)];
  switch (node.type) {
    case 'wait-for-event':
      return node.config.timeout === undefined ? [...issues, timeoutIssue(node)] : issues;
    case 'split':
      return [...issues, ...splitWeightIssues(node)];
    case 'send':
      return [...issues, ...sendTemplateIssues(node, check.templateExists)];
    case 'trigger.schedule':
      return [...issues, ...scheduleIssues(node, check.timeZone), ...triggerSegmentIssues(node, check.segmentExists)];
    case 'trigger.segment-entry':
    case 'trigger.segment-exit':
      return [...issues, ...triggerSegmentIssues(node, check.segmentExists)];
    default:
      return issues;
  }
}

function schemaIssues(node: JourneyNode, branch: BranchRuleScreen | undefined): JourneyIssue[] {
  const parsed = nodeConfigSchemas[node.type].safeParse(branch?.config ?? node.config, { error: journeyErrorMap });
  if (parsed.success) return [];
  const issues = parsed.error.issues.filter((issue) => !reportedApart(node, issue.path, branch));
  if (issues.length === 0) return [];
  if (Object.keys(node.config).length === 0) {
    const needed = [...new Set(issues.map(neededField))];
    return [nodeIssue('missing-config', node, `needs ${listInWords(needed)}`, { path: 'config' })];
  }
  return issues.map((issue) => {
    const path = pathText(['config', ...issue.path]);
    return nodeIssue('invalid-config', node, `${path}: ${issue.message}`, { path });
  });
}

/** Problems with their own code or their own check: a wait-for-event's timeout, a branch's rules. */
function reportedApart(node: JourneyNode, path: readonly PropertyKey[], branch: BranchRuleScreen | undefined): boolean {
  if (node.type === 'wait-for-event' && node.config.timeout === undefined) return pathText(path) === 'timeout';
  return branch !== undefined && path[0] === 'conditions' && path[2] === 'rule' && branch.failed.has(Number(path[1]));
}

/** `segmentId`, or for a choice of variants `mode (duration or until)`. */
function neededField(issue: z.core.$ZodIssue): string {
  const field = pathText(issue.path);
  const options: unknown = 'options' in issue ? issue.options : undefined;
  return Array.isArray(options) ? `${field} (${listInWords(options.map(String), 'or')})` : field;
}

function timeoutIssue(node: JourneyNode): JourneyIssue {
  const message = 'needs a timeout: without one, a customer whose event never comes waits forever';
  return nodeIssue('wait-for-event-without-timeout', node, message, { path: 'config.timeout' });
}

function splitWeightIssues(node: JourneyNode): JourneyIssue[] {
  const arms = nodeConfigSchemas.split.shape.arms.safeParse(node.config.arms);
  if (!arms.success) return [];
  const sum = arms.data.reduce((total, arm) => total + arm.weight, 0);
  if (Math.abs(sum - 100) <= 1e-6) return [];
  const shown = Math.round(sum * 1e6) / 1e6;
  return [nodeIssue('split-weights', node, `arm weights add up to ${shown}, not 100`, { path: 'config.arms' })];
}

/** A draft may save a send before its template is chosen; the engine would suppress every message. */
function sendTemplateIssues(
  node: JourneyNode,
  templateExists?: (channel: string, templateId: string) => boolean,
): JourneyIssue[] {
  const { channel, templateId } = node.config;
  const knownChannel = typeof channel === 'string' && (SEND_CHANNELS as readonly string[]).includes(channel);
  if (knownChannel && typeof templateId === 'string' && templateId !== '') {
    // "best" picks a channel at send time: the template must exist for every channel it may pick.
    const channels = channel === 'best' ? bestChannels(node.config.channels) : [channel];
    const missing = templateExists ? channels.filter((c) => !templateExists(c, templateId)) : [];
    if (!missing.length) return [];
    const message = `no ${listInWords(missing, 'or')} template "${templateId}" in this workspace`;
    return [nodeIssue('unknown-template', node, message, { path: 'config.templateId' })];
  }
  if (!knownChannel || (templateId !== undefined && templateId !== '')) return [];
  const message = `needs a template for channel "${channel}"`;
  return [nodeIssue('send-without-template', node, message, { path: 'config.templateId' })];
}

/** Condition and arm ids are exit handles: each must be distinct, and a branch's "else" is taken. */
function exitIdIssues(node: JourneyNode): JourneyIssue[] {
  const listKey = node.type === 'branch' ? 'conditions' : node.type === 'split' ? 'arms' : undefined;
  const list = listKey === undefined ? undefined : node.config[listKey];
  if (!Array.isArray(list)) return [];
  const item = listKey === 'conditions' ? 'condition' : 'arm';
  const seen = new Set<string>();
  const issues: JourneyIssue[] = [];
  list.forEach((entry: unknown, index) => {
    const id = typeof entry === 'object' && entry !== null ? (entry as { id?: unknown }).id : undefined;
    if (typeof id !== 'string') return;
    const path = `config.${listKey!}.${index}.id`;
    if (item === 'condition' && id === 'else') {
      const message = `${path}: "else" is the exit taken when no condition holds; give the condition another id`;
      issues.push(nodeIssue('invalid-config', node, message, { path }));
    } else if (seen.has(id)) {
      issues.push(nodeIssue('invalid-config', node, `${path}: another ${item} already has the id "${id}"`, { path }));
    }
    seen.add(id);
  });
  return issues;
}

function bestChannels(channels: unknown): string[] {
  return Array.isArray(channels) && channels.every((c) => typeof c === 'string')
    ? channels
    : ['line', 'email', 'sms', 'dm'];
}
