import { parseCronSchedule } from '@kizuna/shared';
import { IANAZone } from 'luxon';
import type { JourneyNode } from './journey-graph.schema';
import { nodeIssue, type JourneyIssue } from './journey-issue';

/**
 * A schedule fires in its own timezone or the workspace's. Checked with the parser the scheduler
 * runs (and luxon's zone lookup, which it uses), so a schedule that saves is one that fires.
 */
export function scheduleIssues(node: JourneyNode, defaultTimeZone: string): JourneyIssue[] {
  const { cron, timezone } = node.config;
  if (timezone !== undefined && typeof timezone !== 'string') return [];
  const zone = timezone ?? defaultTimeZone;
  if (!IANAZone.isValidZone(zone)) {
    const message =
      timezone === undefined
        ? `has no timezone, and the workspace's ("${zone}") is not an IANA timezone`
        : `"${zone}" is not an IANA timezone (such as Asia/Tokyo)`;
    return [nodeIssue('invalid-schedule', node, message, { path: 'config.timezone' })];
  }
  if (typeof cron !== 'string' || cron.trim() === '') return [];
  const schedule = parseCronSchedule(cron, zone);
  return schedule.ok ? [] : [nodeIssue('invalid-schedule', node, schedule.reason, { path: 'config.cron' })];
}

/** Segment triggers and schedules enrol a segment's members: the segment must exist. */
export function triggerSegmentIssues(
  node: JourneyNode,
  segmentExists?: (segmentId: number) => boolean,
): JourneyIssue[] {
  const { segmentId } = node.config;
  if (!segmentExists || typeof segmentId !== 'number' || !Number.isInteger(segmentId) || segmentId <= 0) return [];
  if (segmentExists(segmentId)) return [];
  return [nodeIssue('unknown-segment', node, `segment ${segmentId} does not exist`, { path: 'config.segmentId' })];
}
