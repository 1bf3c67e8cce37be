import type { Pool } from '@kizuna/db';
import { TemplateContentSchema } from '@kizuna/channels';
import { ConflictError, NotFoundError, type Clock } from '@kizuna/shared';
import { Inject, Injectable } from '@nestjs/common';
import { CLOCK } from '../infrastructure/clock.provider';
import { recommendedSeriesSql, type SeriesRecommendation } from './cross-sell-recommendation.sql';
import { PG_POOL } from '../infrastructure/database/database.tokens';
import { ResponseRepository } from './response.repository';
import { TemplateService } from './template.service';
import { renderAny } from './transports/sandbox.delivery';

/** Reading messages with their responses, dead letters and their retry, template previews. */
@Injectable()
export class MessageActionsService {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly responses: ResponseRepository,
    private readonly templates: TemplateService,
  ) {}

  async get(workspaceId: number, id: string) {
    if (!/^\d{1,18}$/.test(id)) throw new NotFoundError('message', id);
    const { rows } = await this.pool.query<Record<string, unknown>>(
      `SELECT id::text, customer_id AS "customerId", enrollment_id::text AS "enrollmentId", journey_id AS "journeyId",
         node_id AS "nodeId", channel, template_id AS "templateId", status, suppression_reason AS "suppressionReason",
         attempts, last_error AS "lastError", recipient, rendered, coupon_code AS "couponCode", provider_message_id AS "providerMessageId",
         created_at AS "createdAt", sent_at AS "sentAt", delivered_at AS "deliveredAt"
       FROM message WHERE workspace_id = $1 AND id = $2`,
      [workspaceId, id],
    );
    if (!rows[0]) throw new NotFoundError('message', id);
    return { ...rows[0], responses: await this.responses.listForMessage(workspaceId, id) };
  }

  async failed(workspaceId: number) {
    const { rows } = await this.pool.query<Record<string, unknown>>(
      `SELECT id::text, customer_id AS "customerId", journey_id AS "journeyId", node_id AS "nodeId", channel, status,
         attempts, last_error AS "lastError", created_at AS "createdAt"
       FROM message WHERE workspace_id = $1 AND status = 'failed' ORDER BY id DESC LIMIT 500`,
      [workspaceId],
    );
    return rows;
  }

  /** A dead letter goes back to the outbox with a fresh set of tries. */
  async retry(workspaceId: number, id: string): Promise<{ id: string; status: 'queued' }> {
    if (!/^\d{1,18}$/.test(id)) throw new NotFoundError('message', id);
    const { rowCount } = await this.pool.query(
      `UPDATE message SET status = 'queued', attempts = 0, next_attempt_at = $3 WHERE workspace_id = $1 AND id = $2 AND status = 'failed'`,
      [workspaceId, id, this.clock.now()],
    );
    if (!rowCount) {
      await this.get(workspaceId, id);
      throw new ConflictError(`message ${id} has not failed: only failed messages can be retried`);
    }
    return { id, status: 'queued' };
  }

  async preview(workspaceId: number, channel: string, key: string, customerId: number) {
    const template = await this.templates.get(workspaceId, channel, key);
    const { rows } = await this.pool.query<{
      familyName: string | null;
      givenName: string | null;
      familyNameKana: string | null;
      givenNameKana: string | null;
      prefecture: string | null;
      city: string | null;
      attributes: Record<string, unknown>;
    }>(
      `SELECT family_name AS "familyName", given_name AS "givenName", family_name_kana AS "familyNameKana",
         given_name_kana AS "givenNameKana", prefecture, city, attributes
       FROM customer WHERE workspace_id = $1 AND id = $2`,
      [workspaceId, customerId],
    );
    const customer = rows[0];
    if (!customer) throw new NotFoundError('customer', customerId);
    const content = TemplateContentSchema.parse(template.content);
    const fullName = [customer.familyName, customer.givenName].filter(Boolean).join(' ') || null;
    const { rows: recommendations } = await this.pool.query<SeriesRecommendation>(
      recommendedSeriesSql('$1::int', '$2::int'),
      [workspaceId, customerId],
    );
    return renderAny(content, {
      customer: { id: customerId, ...customer, fullName },
      coupon: { code: content.couponPrefix ? `${content.couponPrefix}-PREVIEW` : null },
      message: { id: 'preview' },
      ...(recommendations[0] ? { recommendation: recommendations[0] } : {}),
    });
  }
}
