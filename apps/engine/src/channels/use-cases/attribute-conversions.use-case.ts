import type { Pool } from '@kizuna/db';
import { DeliverySettingsSchema } from '@kizuna/journey';
import type { Clock } from '@kizuna/shared';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK } from '../../infrastructure/clock.provider';
import { PG_POOL } from '../../infrastructure/database/database.tokens';
import { WorkspaceSettingsStore } from '../../workspaces/workspace-settings.store';

export interface AttributionOutcome {
  /** Orders attributed to the latest message before them. */
  messaged: number;
  /** Orders of holdout (control) customers, recorded for their journey without a message. */
  holdout: number;
}

/**
 * Conversions: an order within the attribution window after a message is a `converted` response
 * of the latest message sent or delivered to that customer before it (last touch), so it counts
 * for that journey step. A holdout customer's order within the window after entering the journey
 * is recorded the same way, without a message, so treated and control convert on one definition.
 * Trial-only orders are not conversions (a trial set starts the journey). Each order is
 * attributed once (`order:<id>`; `order:<id>:holdout:<enrolment>`), so a rerun changes nothing.
 */
@Injectable()
export class AttributeConversionsUseCase {
  private readonly logger = new Logger(AttributeConversionsUseCase.name);

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly settings: WorkspaceSettingsStore,
  ) {}

  /** Orders placed in the last `lookbackDays` (default: the window plus a day), attributed where they can be. */
  async execute(workspaceId: number, lookbackDays?: number): Promise<AttributionOutcome> {
    const { attributionWindowDays, conversionEvents } = await this.settings.get(
      workspaceId,
      'delivery',
      DeliverySettingsSchema,
    );
    const since = new Date(this.clock.now().getTime() - (lookbackDays ?? attributionWindowDays + 1) * 86_400_000);
    const messaged = await this.pool.query(
      `INSERT INTO response (workspace_id, customer_id, message_id, enrollment_id, journey_id, version_id, node_id, channel, kind, at, detail, dedupe_key)
       SELECT o.workspace_id, o.customer_id, m.id, m.enrollment_id, m.journey_id, m.version_id, m.node_id, m.channel, 'converted',
         o.ordered_at, jsonb_build_object('orderId', o.id, 'amount', o.amount, 'via', 'last-touch'), 'order:' || o.id
       FROM customer_order o
       CROSS JOIN LATERAL (
         SELECT m.id, m.enrollment_id, m.journey_id, m.version_id, m.node_id, m.channel FROM message m
         WHERE m.workspace_id = o.workspace_id AND m.customer_id = o.customer_id AND m.status IN ('sent', 'delivered')
           AND m.sent_at <= o.ordered_at AND m.sent_at > o.ordered_at - make_interval(days => $3)
         ORDER BY m.sent_at DESC, m.id DESC LIMIT 1
       ) m
       WHERE o.workspace_id = $1 AND o.ordered_at >= $2 AND NOT o.trial_only
         -- A redeemed coupon names its message for certain: that order is the coupon's response, not a guess.
         AND NOT (o.coupon_code IS NOT NULL AND EXISTS (
           SELECT 1 FROM message mc WHERE mc.workspace_id = o.workspace_id AND mc.coupon_code = upper(o.coupon_code)))
       ON CONFLICT (workspace_id, dedupe_key) DO NOTHING`,
      [workspaceId, since, attributionWindowDays],
    );
    const holdout = await this.pool.query(
      `INSERT INTO response (workspace_id, customer_id, message_id, enrollment_id, journey_id, version_id, node_id, channel, kind, at, detail, dedupe_key)
       SELECT o.workspace_id, o.customer_id, NULL, e.id, e.journey_id, e.version_id, NULL, NULL, 'converted', o.ordered_at,
         jsonb_build_object('orderId', o.id, 'amount', o.amount, 'via', 'holdout'), 'order:' || o.id || ':holdout:' || e.id
       FROM customer_order o
       JOIN enrollment e ON e.workspace_id = o.workspace_id AND e.customer_id = o.customer_id AND e.holdout_group = 'control'
         AND o.ordered_at >= e.entered_at AND o.ordered_at <= e.entered_at + make_interval(days => $3)
       WHERE o.workspace_id = $1 AND o.ordered_at >= $2 AND NOT o.trial_only
       ON CONFLICT (workspace_id, dedupe_key) DO NOTHING`,
      [workspaceId, since, attributionWindowDays],
    );
    const outcome = { messaged: messaged.rowCount ?? 0, holdout: holdout.rowCount ?? 0 };
    const events = await this.forEvents(workspaceId, since, attributionWindowDays, conversionEvents);
    outcome.messaged += events.messaged;
    outcome.holdout += events.holdout;
    if (outcome.messaged || outcome.holdout) this.logger.log({ workspaceId, ...outcome }, 'conversions attributed');
    return outcome;
  }

  /** After events arrive through the API: a pass when one of their names is a conversion event. */
  async forEventNames(workspaceId: number, names: readonly string[]): Promise<AttributionOutcome> {
    const { attributionWindowDays, conversionEvents } = await this.settings.get(
      workspaceId,
      'delivery',
      DeliverySettingsSchema,
    );
    const wanted = conversionEvents.filter((name) => names.includes(name));
    const since = new Date(this.clock.now().getTime() - (attributionWindowDays + 1) * 86_400_000);
    return this.forEvents(workspaceId, since, attributionWindowDays, wanted);
  }

  /** The configured conversion events, attributed as orders are (`event:<id>`). */
  private async forEvents(
    workspaceId: number,
    since: Date,
    windowDays: number,
    conversionEvents: readonly string[],
  ): Promise<AttributionOutcome> {
    if (!conversionEvents.length) return { messaged: 0, holdout: 0 };
    const params = [workspaceId, since, windowDays, conversionEvents];
    const messaged = await this.pool.query(
      `INSERT INTO response (workspace_id, customer_id, message_id, enrollment_id, journey_id, version_id, node_id, channel, kind, at, detail, dedupe_key)
       SELECT ev.workspace_id, ev.customer_id, m.id, m.enrollment_id, m.journey_id, m.version_id, m.node_id, m.channel, 'converted',
         ev.occurred_at, jsonb_build_object('eventId', ev.id, 'event', ev.name, 'via', 'last-touch'), 'event:' || ev.id
       FROM event ev
       CROSS JOIN LATERAL (
         SELECT m.id, m.enrollment_id, m.journey_id, m.version_id, m.node_id, m.channel FROM message m
         WHERE m.workspace_id = ev.workspace_id AND m.customer_id = ev.customer_id AND m.status IN ('sent', 'delivered')
           AND m.sent_at <= ev.occurred_at AND m.sent_at > ev.occurred_at - make_interval(days => $3)
         ORDER BY m.sent_at DESC, m.id DESC LIMIT 1
       ) m
       WHERE ev.workspace_id = $1 AND ev.name = ANY($4::text[]) AND ev.occurred_at >= $2
       ON CONFLICT (workspace_id, dedupe_key) DO NOTHING`,
      params,
    );
    const holdout = await this.pool.query(
      `INSERT INTO response (workspace_id, customer_id, message_id, enrollment_id, journey_id, version_id, node_id, channel, kind, at, detail, dedupe_key)
       SELECT ev.workspace_id, ev.customer_id, NULL, e.id, e.journey_id, e.version_id, NULL, NULL, 'converted', ev.occurred_at,
         jsonb_build_object('eventId', ev.id, 'event', ev.name, 'via', 'holdout'), 'event:' || ev.id || ':holdout:' || e.id
       FROM event ev
       JOIN enrollment e ON e.workspace_id = ev.workspace_id AND e.customer_id = ev.customer_id AND e.holdout_group = 'control'
         AND ev.occurred_at >= e.entered_at AND ev.occurred_at <= e.entered_at + make_interval(days => $3)
       WHERE ev.workspace_id = $1 AND ev.name = ANY($4::text[]) AND ev.occurred_at >= $2
       ON CONFLICT (workspace_id, dedupe_key) DO NOTHING`,
      params,
    );
    return { messaged: messaged.rowCount ?? 0, holdout: holdout.rowCount ?? 0 };
  }
}
