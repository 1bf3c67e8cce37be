import type { Pool } from '@kizuna/db';
import { matchesEvent, addCalendarDays } from '@kizuna/journey';
import type { Clock } from '@kizuna/shared';
import { Inject, Injectable } from '@nestjs/common';
import { CLOCK } from '../../infrastructure/clock.provider';
import { PG_POOL } from '../../infrastructure/database/database.tokens';
import { WorkspaceService } from '../../workspaces/workspace.service';
import { JourneyVersionCache } from '../journey-version.cache';

interface ActiveEnrollment {
  id: string;
  versionId: number;
  customerId: number;
  nodeId: string;
  arrivedAt: Date;
  enteredAt: Date;
  wakeAt: Date | null;
}

interface RecentEvent {
  id: string;
  customerId: number;
  name: string;
  properties: unknown;
  occurredAt: Date;
}

/**
 * What customers do while enrolled: an awaited event resumes a wait-for-event ("happened"), and a
 * goal's conversion (an event or a purchase within its window) ends the enrolment as converted.
 * Both only mark the enrolment and make it due now; the step itself runs in a step batch.
 */
@Injectable()
export class ResumeOnActivityUseCase {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly versions: JourneyVersionCache,
    private readonly workspaces: WorkspaceService,
  ) {}

  /** Events just stored for these customers. Returns how many enrolments were woken. */
  async onEvents(workspaceId: number, customerIds: readonly number[]): Promise<number> {
    const { rows: enrollments } = await this.pool.query<ActiveEnrollment>(
      `SELECT id, version_id AS "versionId", customer_id AS "customerId", node_id AS "nodeId", arrived_at AS "arrivedAt",
         entered_at AS "enteredAt", wake_at AS "wakeAt"
       FROM enrollment WHERE workspace_id = $1 AND customer_id = ANY($2::integer[]) AND state = 'active'`,
      [workspaceId, customerIds],
    );
    if (!enrollments.length) return 0;
    const since = new Date(Math.min(...enrollments.map((e) => e.enteredAt.getTime())));
    const { rows: events } = await this.pool.query<RecentEvent>(
      `SELECT id::text, customer_id AS "customerId", name, properties, occurred_at AS "occurredAt" FROM event
       WHERE workspace_id = $1 AND customer_id = ANY($2::integer[]) AND occurred_at >= $3 ORDER BY occurred_at, id`,
      [workspaceId, [...new Set(enrollments.map((e) => e.customerId))], since],
    );
    const timeZone = (await this.workspaces.get(workspaceId)).timezone;
    const versions = await this.versions.get(enrollments.map((e) => e.versionId));
    const resumes: { id: string; eventId: string; at: Date }[] = [];
    const conversions: { id: string; goal: string; at: Date }[] = [];
    for (const enrollment of enrollments) {
      const index = versions.get(enrollment.versionId)?.index;
      if (!index) continue;
      const own = events.filter((e) => e.customerId === enrollment.customerId);
      const goal = index.nodesOfType('goal').flatMap((node) => {
        const conversion = node.config.conversion;
        if (conversion.kind !== 'event') return [];
        const deadline = addCalendarDays(enrollment.enteredAt, node.config.withinDays, timeZone);
        const hit = own.find(
          (e) => e.occurredAt >= enrollment.enteredAt && e.occurredAt <= deadline && matchesEvent(conversion, e),
        );
        return hit ? [{ id: enrollment.id, goal: node.id, at: hit.occurredAt }] : [];
      })[0];
      if (goal) {
        conversions.push(goal);
        continue;
      }
      const node = index.node(enrollment.nodeId);
      if (node?.type !== 'wait-for-event') continue;
      const hit = own.find(
        (e) =>
          e.occurredAt >= enrollment.arrivedAt &&
          (!enrollment.wakeAt || e.occurredAt <= enrollment.wakeAt) &&
          matchesEvent(node.config, e),
      );
      if (hit) resumes.push({ id: enrollment.id, eventId: hit.id, at: hit.occurredAt });
    }
    const now = this.clock.now();
    if (resumes.length) {
      await this.pool.query(
        `UPDATE enrollment e SET resumed_by_event_id = r.event_id, resumed_at = r.at, wake_at = $4
         FROM unnest($1::bigint[], $2::bigint[], $3::timestamptz[]) AS r(id, event_id, at)
         WHERE e.id = r.id AND e.state = 'active' AND e.resumed_by_event_id IS NULL`,
        [resumes.map((r) => r.id), resumes.map((r) => r.eventId), resumes.map((r) => r.at), now],
      );
    }
    return resumes.length + (await this.markConverted(conversions, now));
  }

  /**
   * Purchase goals: active enrolments whose customer ordered within the goal's window (trial-only
   * orders do not count: a trial set is the start of the journey, not its goal).
   */
  async onPurchases(workspaceId: number): Promise<number> {
    const { rows: journeys } = await this.pool.query<{ versionId: number }>(
      `SELECT DISTINCT version_id AS "versionId" FROM enrollment WHERE workspace_id = $1 AND state = 'active'`,
      [workspaceId],
    );
    const versions = await this.versions.get(journeys.map((j) => j.versionId));
    const now = this.clock.now();
    let converted = 0;
    for (const [versionId, version] of versions) {
      for (const node of version.index.nodesOfType('goal')) {
        const conversion = node.config.conversion;
        if (conversion.kind !== 'purchase') continue;
        const { rowCount } = await this.pool.query(
          `WITH bought AS (
             SELECT e.id, min(o.ordered_at) AS ordered_at FROM enrollment e
             JOIN customer_order o ON o.workspace_id = e.workspace_id AND o.customer_id = e.customer_id
             WHERE e.workspace_id = $1 AND e.version_id = $2 AND e.state = 'active' AND e.converted_goal IS NULL
               AND NOT o.trial_only AND o.amount >= $5
               AND o.ordered_at >= e.entered_at AND o.ordered_at <= e.entered_at + make_interval(days => $4)
             GROUP BY e.id
           )
           UPDATE enrollment e SET converted_goal = $3, converted_at = bought.ordered_at, wake_at = $6
           FROM bought WHERE e.id = bought.id`,
          [workspaceId, versionId, node.id, node.config.withinDays, conversion.minAmount ?? 0, now],
        );
        converted += rowCount ?? 0;
      }
    }
    return converted;
  }

  private async markConverted(conversions: { id: string; goal: string; at: Date }[], now: Date): Promise<number> {
    if (!conversions.length) return 0;
    await this.pool.query(
      `UPDATE enrollment e SET converted_goal = c.goal, converted_at = c.at, wake_at = $4
       FROM unnest($1::bigint[], $2::text[], $3::timestamptz[]) AS c(id, goal, at)
       WHERE e.id = c.id AND e.state = 'active' AND e.converted_goal IS NULL`,
      [conversions.map((c) => c.id), conversions.map((c) => c.goal), conversions.map((c) => c.at), now],
    );
    return conversions.length;
  }
}
