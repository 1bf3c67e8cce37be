import type { Pool } from '@kizuna/db';
import { assertValidJourney, isTriggerNode, JourneyIndex, type JourneyGraph } from '@kizuna/journey';
import { ConflictError, NotFoundError, parseCronSchedule, type Clock } from '@kizuna/shared';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditLog } from '../../audit/audit-log.service';
import { CLOCK } from '../../infrastructure/clock.provider';
import { PG_POOL } from '../../infrastructure/database/database.tokens';
import { withTransaction } from '../../infrastructure/database/transaction';
import { TemplateService } from '../../channels/template.service';
import { SegmentRepository } from '../../segments/segment.repository';
import { WorkspaceService } from '../../workspaces/workspace.service';
import { summariseChanges } from '../journey-diff';
import { JourneyTriggerRepository, type NewTrigger, type TriggerKind } from '../journey-trigger.repository';
import { JourneyRepository, type JourneyVersionRecord } from '../journey.repository';

/**
 * Publishes a journey's draft as a new immutable version: validated again here (the editor's
 * check is a convenience, not a guarantee), its triggers registered, the journey made active.
 * Running enrolments stay on their version; new ones take this one.
 */
@Injectable()
export class PublishJourneyUseCase {
  private readonly logger = new Logger(PublishJourneyUseCase.name);

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly journeys: JourneyRepository,
    private readonly triggers: JourneyTriggerRepository,
    private readonly segments: SegmentRepository,
    private readonly workspaces: WorkspaceService,
    private readonly templates: TemplateService,
    private readonly audit: AuditLog,
  ) {}

  async execute(workspaceId: number, journeyId: number): Promise<JourneyVersionRecord> {
    const workspace = await this.workspaces.get(workspaceId);
    const segmentIds = new Set((await this.segments.list(workspaceId)).map((s) => s.id));
    const templates = await this.templates.keysByChannel(workspaceId);
    const now = this.clock.now();
    const version = await withTransaction(this.pool, async (tx) => {
      const journey = await this.journeys.find(workspaceId, journeyId, tx, true);
      if (!journey) throw new NotFoundError('journey', journeyId);
      if (journey.status === 'archived')
        throw new ConflictError(`journey ${journeyId} is archived: it cannot be published`);
      const graph = assertValidJourney(journey.draft, {
        timeZone: workspace.timezone,
        segmentExists: (id) => segmentIds.has(id),
        templateExists: (channel, key) => templates.get(channel)?.has(key) ?? false,
      });
      const previous = journey.currentVersionId
        ? (await this.journeys.versionsById([journey.currentVersionId]))[0]
        : undefined;
      const changes = summariseChanges(previous?.graph ?? null, graph);
      const published = await this.journeys.insertVersion(tx, workspaceId, journeyId, graph, changes, now);
      const carried = previous ? await this.triggers.listForVersion(tx, previous.id) : [];
      const heads = await this.triggers.heads(tx, workspaceId);
      await this.triggers.replace(
        tx,
        workspaceId,
        journeyId,
        published.id,
        triggersOf(graph, workspace.timezone, now, heads, carried),
      );
      await this.journeys.setStatus(tx, workspaceId, journeyId, 'active');
      await this.audit.record(
        workspaceId,
        'journey.publish',
        { type: 'journey', id: journeyId },
        { version: published.version, changes },
        tx,
      );
      return published;
    });
    this.logger.log({ workspaceId, journeyId, version: version.version }, 'journey published');
    return version;
  }
}

/**
 * The trigger rows of a version. A trigger the previous version had too (same kind and segment or
 * event) keeps its cursor, so republishing neither replays nor skips what happened in between.
 */
function triggersOf(
  graph: JourneyGraph,
  timeZone: string,
  now: Date,
  heads: { segmentChange: string; event: string },
  previous: readonly { kind: TriggerKind; segmentId: number | null; eventName: string | null; cursor: string }[],
): NewTrigger[] {
  const index = new JourneyIndex(graph);
  const triggers: NewTrigger[] = [];
  for (const node of index.allNodes()) {
    if (!isTriggerNode(node)) continue;
    const carry = (kind: TriggerKind, segmentId: number | null, eventName: string | null, head: string) =>
      previous.find((p) => p.kind === kind && p.segmentId === segmentId && p.eventName === eventName)?.cursor ?? head;
    switch (node.type) {
      case 'trigger.segment-entry':
      case 'trigger.segment-exit': {
        const kind = node.type === 'trigger.segment-entry' ? 'segment-entry' : 'segment-exit';
        const { segmentId } = node.config;
        triggers.push({
          nodeId: node.id,
          kind,
          segmentId,
          eventName: null,
          cursor: carry(kind, segmentId, null, heads.segmentChange),
          nextRunAt: null,
        });
        break;
      }
      case 'trigger.event':
        triggers.push({
          nodeId: node.id,
          kind: 'event',
          segmentId: null,
          eventName: node.config.eventName,
          cursor: carry('event', null, node.config.eventName, heads.event),
          nextRunAt: null,
        });
        break;
      case 'trigger.schedule': {
        const schedule = parseCronSchedule(node.config.cron, node.config.timezone ?? timeZone);
        triggers.push({
          nodeId: node.id,
          kind: 'schedule',
          segmentId: node.config.segmentId,
          eventName: null,
          cursor: '0',
          nextRunAt: schedule.ok ? schedule.next(now) : null,
        });
        break;
      }
      case 'trigger.date-relative': {
        const eventName = node.config.source === 'event' ? node.config.eventName : null;
        triggers.push({
          nodeId: node.id,
          kind: 'date-relative',
          segmentId: null,
          eventName,
          cursor: eventName ? carry('date-relative', null, eventName, heads.event) : '0',
          nextRunAt: null,
        });
        break;
      }
    }
  }
  return triggers;
}
