import type { Pool } from '@kizuna/db';
import { matchesEvent, type JourneyGraph } from '@kizuna/journey';
import { parseCronSchedule, type Clock } from '@kizuna/shared';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DateTime } from 'luxon';
import { CLOCK } from '../../infrastructure/clock.provider';
import { PG_POOL } from '../../infrastructure/database/database.tokens';
import { withTransaction, type Queryable } from '../../infrastructure/database/transaction';
import { WorkspaceService } from '../../workspaces/workspace.service';
import { JourneyTriggerRepository, type JourneyTriggerRecord, type TriggerKind } from '../journey-trigger.repository';
import { JourneyVersionCache } from '../journey-version.cache';

/** Events read per pass of an event trigger. */
const EVENT_PAGE = 5_000;
/**
 * An event id is taken from a sequence before its transaction commits, so ids can become visible
 * out of order. The cursor only moves past events stored this long ago; newer ones are read again
 * on the next pass (enrolling is idempotent by event id), so a late commit is never skipped.
 */
const EVENT_SETTLE_MS = 30_000;
/** An event older than this when it arrives (a backfill) does not start a journey. */
const STALE_EVENT_MS = 86_400_000;
/** Date-relative triggers catch up on at most this many missed days (a stopped engine). */
const MAX_DATE_CATCH_UP_DAYS = 7;

interface EnrolmentSource {
  /** SELECT customer_id, trigger_key, start_at ... with parameters from $8 on. */
  sql: string;
  params: unknown[];
}

/**
 * Puts customers into journeys: segment entries and exits (read from segment_change with a cursor),
 * events, cron ticks (a segment's members) and dates relative to an attribute or an event. Every
 * enrolment carries the cause as its trigger key, so a second pass over the same cause (a retry,
 * two processes, a replayed notification) enrols no one twice; the re-entry rule is checked in the
 * same statement.
 */
@Injectable()
export class EnrolFromTriggersUseCase {
  private readonly logger = new Logger(EnrolFromTriggersUseCase.name);

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly triggers: JourneyTriggerRepository,
    private readonly versions: JourneyVersionCache,
    private readonly workspaces: WorkspaceService,
  ) {}

  /** Every kind of trigger, for every workspace (the periodic catch-up). Returns enrolments made. */
  async runAll(): Promise<number> {
    let enrolled = 0;
    enrolled += await this.segmentChanges(null);
    enrolled += await this.events(null);
    enrolled += await this.schedules();
    enrolled += await this.dates();
    return enrolled;
  }

  /** Segment entry/exit triggers, optionally only those on one segment. */
  async segmentChanges(workspaceId: number | null, segmentId?: number): Promise<number> {
    let enrolled = 0;
    for (const trigger of await this.triggers.listActive(workspaceId, ['segment-entry', 'segment-exit'])) {
      if (segmentId !== undefined && trigger.segmentId !== segmentId) continue;
      enrolled += await this.pass(trigger, async (db, locked) => {
        const { rows } = await db.query<{ head: string | null }>(
          `SELECT max(id)::text AS head FROM segment_change WHERE workspace_id = $1 AND segment_id = $2 AND id > $3`,
          [locked.workspaceId, locked.segmentId, locked.cursor],
        );
        const head = rows[0]?.head;
        if (!head) return 0;
        const change = locked.kind === 'segment-entry' ? 'entered' : 'exited';
        const count = await this.enrol(db, locked, {
          sql: `SELECT customer_id, 'segment-change:' || id AS trigger_key, $5::timestamptz AS start_at FROM segment_change
                WHERE workspace_id = $1 AND segment_id = $8 AND id > $9 AND id <= $10 AND change = $11`,
          params: [locked.segmentId, locked.cursor, head, change],
        });
        await this.triggers.setProgress(db, locked.id, { cursor: head });
        return count;
      });
    }
    return enrolled;
  }

  /**
   * Event and event-relative date triggers. With `only`, a fast path for events just stored for
   * these customers (the cursor stays); without, the full pass that also moves the cursor.
   */
  async events(workspaceId: number | null, only?: { customerIds: number[]; eventNames: string[] }): Promise<number> {
    let enrolled = 0;
    for (const trigger of await this.triggers.listActive(workspaceId, ['event', 'date-relative'])) {
      if (!trigger.eventName) continue;
      if (only && !only.eventNames.includes(trigger.eventName)) continue;
      enrolled += await this.pass(trigger, async (db, locked) => {
        const version = (await this.versions.get([locked.versionId])).get(locked.versionId);
        const node = version?.index.node(locked.nodeId);
        if (!node || (node.type !== 'trigger.event' && node.type !== 'trigger.date-relative')) return 0;
        const match = node.type === 'trigger.event' ? node.config : node.config.source === 'event' ? node.config : null;
        if (!match) return 0;
        const offsetDays = node.type === 'trigger.date-relative' ? node.config.offsetDays : 0;
        const timeOfDay =
          node.type === 'trigger.date-relative' && node.config.source === 'event' ? node.config.timeOfDay : undefined;
        const timeZone = (await this.workspaces.get(locked.workspaceId)).timezone;
        const now = this.clock.now();
        let total = 0;
        let cursor = locked.cursor;
        for (;;) {
          const { rows } = await db.query<{
            id: string;
            customerId: number;
            name: string;
            properties: unknown;
            occurredAt: Date;
            receivedAt: Date;
          }>(
            `SELECT id::text, customer_id AS "customerId", name, properties, occurred_at AS "occurredAt", received_at AS "receivedAt"
             FROM event WHERE id > $1 AND workspace_id = $2 AND name = $3
               AND ($4::integer[] IS NULL OR customer_id = ANY($4::integer[]))
             ORDER BY id LIMIT ${EVENT_PAGE}`,
            [cursor, locked.workspaceId, locked.eventName, only?.customerIds ?? null],
          );
          if (!rows.length) break;
          const starts: { customerId: number; key: string; startAt: Date }[] = [];
          for (const event of rows) {
            if (!matchesEvent(match, event)) continue;
            // A plain event trigger starts now; a date-relative one N days after the event.
            const startAt =
              node.type === 'trigger.event' ? now : addDays(event.occurredAt, offsetDays, timeZone, timeOfDay);
            const due = node.type === 'trigger.event' ? event.occurredAt : startAt;
            if (due.getTime() < now.getTime() - STALE_EVENT_MS) continue;
            starts.push({ customerId: event.customerId, key: `event:${event.id}`, startAt });
          }
          total += await this.enrol(db, locked, {
            sql: `SELECT customer_id, trigger_key, start_at FROM unnest($8::integer[], $9::text[], $10::timestamptz[])
                  AS s(customer_id, trigger_key, start_at)`,
            params: [starts.map((s) => s.customerId), starts.map((s) => s.key), starts.map((s) => s.startAt)],
          });
          cursor = rows[rows.length - 1]!.id;
          if (!only) {
            const settled = rows.filter((e) => e.receivedAt.getTime() < now.getTime() - EVENT_SETTLE_MS);
            if (settled.length)
              await this.triggers.setProgress(db, locked.id, { cursor: settled[settled.length - 1]!.id });
          }
          if (rows.length < EVENT_PAGE) break;
        }
        return total;
      });
    }
    return enrolled;
  }

  /** Schedule triggers whose tick has come: the segment's current members enter. */
  async schedules(): Promise<number> {
    let enrolled = 0;
    const now = this.clock.now();
    for (const trigger of await this.triggers.listActive(null, ['schedule'])) {
      if (!trigger.nextRunAt || trigger.nextRunAt > now) continue;
      enrolled += await this.pass(trigger, async (db, locked) => {
        if (!locked.nextRunAt || locked.nextRunAt > now) return 0;
        const node = await this.triggerNode(locked, 'trigger.schedule');
        if (!node) return 0;
        const timeZone = node.config.timezone ?? (await this.workspaces.get(locked.workspaceId)).timezone;
        const schedule = parseCronSchedule(node.config.cron, timeZone);
        const tick = locked.nextRunAt.toISOString();
        const count = await this.enrol(db, locked, {
          sql: `SELECT customer_id, $9::text AS trigger_key, $5::timestamptz AS start_at FROM segment_membership
                WHERE workspace_id = $1 AND segment_id = $8 AND exited_at IS NULL`,
          params: [node.config.segmentId, `schedule:${tick}`],
        });
        await this.triggers.setProgress(db, locked.id, { nextRunAt: schedule.ok ? schedule.next(now) : null });
        return count;
      });
    }
    return enrolled;
  }

  /** Attribute-relative date triggers (birthdays, anniversaries): each local day once. */
  async dates(): Promise<number> {
    let enrolled = 0;
    const now = this.clock.now();
    for (const trigger of await this.triggers.listActive(null, ['date-relative'])) {
      if (trigger.eventName) continue;
      enrolled += await this.pass(trigger, async (db, locked) => {
        const node = await this.triggerNode(locked, 'trigger.date-relative');
        if (!node || node.config.source !== 'attribute') return 0;
        const config = node.config;
        const timeZone = (await this.workspaces.get(locked.workspaceId)).timezone;
        const today = DateTime.fromJSDate(now, { zone: timeZone }).startOf('day');
        const scanned = locked.scannedUntil
          ? DateTime.fromISO(locked.scannedUntil, { zone: timeZone })
          : today.minus({ days: 1 });
        let day = DateTime.max(scanned.plus({ days: 1 }), today.minus({ days: MAX_DATE_CATCH_UP_DAYS - 1 }));
        let total = 0;
        for (; day <= today; day = day.plus({ days: 1 })) {
          // The customers whose date is `offsetDays` after... the day: a birthday 7 days ahead for offset -7.
          const target = day.minus({ days: config.offsetDays });
          const startAt = day
            .set({ hour: Number(config.timeOfDay.slice(0, 2)), minute: Number(config.timeOfDay.slice(3)) })
            .toJSDate();
          total += await this.enrol(db, locked, {
            sql: `SELECT c.id AS customer_id, $8::text AS trigger_key, $9::timestamptz AS start_at FROM customer c
                  WHERE c.workspace_id = $1 AND c.status = 'active' AND ${dateMatchSql(config.attribute, config.yearly, timeZone)}`,
            params: [
              `date:${day.toISODate()}`,
              startAt,
              target.toISODate(),
              target.month,
              target.day,
              isLastDayOfFebruary(target),
            ],
          });
          await this.triggers.setProgress(db, locked.id, { scannedUntil: day.toISODate()! });
        }
        return total;
      });
    }
    return enrolled;
  }

  private async triggerNode<T extends 'trigger.schedule' | 'trigger.date-relative'>(
    trigger: JourneyTriggerRecord,
    type: T,
  ) {
    const version = (await this.versions.get([trigger.versionId])).get(trigger.versionId);
    const node = version?.index.node(trigger.nodeId);
    return node?.type === type ? (node as Extract<NonNullable<typeof node>, { type: T }>) : undefined;
  }

  /** Runs one trigger's pass in its own transaction, holding the trigger row (another process skips it). */
  private async pass(
    trigger: JourneyTriggerRecord,
    work: (db: Queryable, locked: JourneyTriggerRecord) => Promise<number>,
  ): Promise<number> {
    try {
      return await withTransaction(this.pool, async (tx) => {
        const locked = await this.triggers.lock(tx, trigger.id);
        return locked ? work(tx, locked) : 0;
      });
    } catch (error) {
      this.logger.error(
        { err: error, triggerId: trigger.id, journeyId: trigger.journeyId },
        'journey trigger pass failed',
      );
      return 0;
    }
  }

  /** Inserts the source's customers as enrolments at the trigger node, under the journey's re-entry rule. */
  private async enrol(db: Queryable, trigger: JourneyTriggerRecord, source: EnrolmentSource): Promise<number> {
    const version = (await this.versions.get([trigger.versionId])).get(trigger.versionId);
    if (!version) return 0;
    const now = this.clock.now();
    const reentry = version.record.graph.reentry;
    const cooldownCutoff =
      reentry.mode === 'after-cooldown' ? new Date(now.getTime() - (reentry.cooldownDays ?? 30) * 86_400_000) : null;
    const context = JSON.stringify({ visits: { [trigger.nodeId]: 1 }, arms: {} });
    const { rowCount } = await db.query(
      `WITH source AS (${source.sql})
       INSERT INTO enrollment (workspace_id, journey_id, version_id, customer_id, trigger_key, node_id, arrived_at, wake_at, context, entered_at)
       SELECT $1, $2, $3, s.customer_id, s.trigger_key, $4, $5, GREATEST(s.start_at, $5), $6::jsonb, $5
       FROM source s
       WHERE ${reentrySql(reentry.mode)}
       ON CONFLICT DO NOTHING`,
      [
        trigger.workspaceId,
        trigger.journeyId,
        trigger.versionId,
        trigger.nodeId,
        now,
        context,
        cooldownCutoff,
        ...source.params,
      ],
    );
    return rowCount ?? 0;
  }
}

/** The re-entry rule as a condition on the source row `s` ($7: the cool-down cutoff). */
function reentrySql(mode: JourneyGraph['reentry']['mode']): string {
  switch (mode) {
    case 'once':
      return `$7::timestamptz IS NULL AND NOT EXISTS (SELECT 1 FROM enrollment p WHERE p.journey_id = $2 AND p.customer_id = s.customer_id)`;
    case 'after-cooldown':
      return `NOT EXISTS (SELECT 1 FROM enrollment p WHERE p.journey_id = $2 AND p.customer_id = s.customer_id AND p.entered_at > $7::timestamptz)`;
    default:
      // One at a time: the partial unique index on active enrolments refuses a second (ON CONFLICT).
      return `($7::timestamptz IS NULL OR true)`;
  }
}

/**
 * The customers whose date attribute falls on the target day ($10: the date, $11/$12: its month
 * and day; $13: it is the last day of February, so a 29 February birthday is celebrated on the
 * 28th in other years).
 */
function dateMatchSql(attribute: string, yearly: boolean, timeZone: string): string {
  const column =
    attribute === 'birthDate'
      ? 'c.birth_date'
      : attribute === 'registeredAt'
        ? `(c.registered_at AT TIME ZONE ${quoteLiteral(timeZone)})::date`
        : `(CASE WHEN c.attributes->>${quoteLiteral(attribute)} ~ '^\\d{4}-\\d{2}-\\d{2}' THEN substr(c.attributes->>${quoteLiteral(attribute)}, 1, 10)::date END)`;
  if (!yearly)
    return `${column} = $10::date AND $11::integer IS NOT NULL AND $12::integer IS NOT NULL AND $13::boolean IS NOT NULL`;
  return `$10::date IS NOT NULL AND date_part('month', ${column}) = $11 AND (date_part('day', ${column}) = $12
    OR ($13 AND date_part('month', ${column}) = 2 AND date_part('day', ${column}) = 29))`;
}

function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

function isLastDayOfFebruary(day: DateTime): boolean {
  return day.month === 2 && day.day === 28 && !day.isInLeapYear;
}

function addDays(at: Date, days: number, timeZone: string, timeOfDay?: string): Date {
  let moved = DateTime.fromJSDate(at, { zone: timeZone }).plus({ days });
  if (timeOfDay)
    moved = moved.set({
      hour: Number(timeOfDay.slice(0, 2)),
      minute: Number(timeOfDay.slice(3)),
      second: 0,
      millisecond: 0,
    });
  return moved.toJSDate();
}

export const ALL_TRIGGER_KINDS: readonly TriggerKind[] = [
  'segment-entry',
  'segment-exit',
  'event',
  'schedule',
  'date-relative',
];
