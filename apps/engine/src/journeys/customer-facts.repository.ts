import type { Channel, NodeConfig } from '@kizuna/journey';
import { segmentMembersQuery, type SegmentRule } from '@kizuna/segments';
import { Injectable } from '@nestjs/common';
import type { Queryable } from '../infrastructure/database/transaction';

/** A branch condition to check for some customers (all of one workspace). */
export interface ConditionCheck {
  key: string;
  rule: SegmentRule;
  customerIds: number[];
}

/** What journey steps read and write of customers: consents, scores, branch conditions, updates. */
@Injectable()
export class CustomerFactsRepository {
  /** The latest consent decision per customer and channel (none recorded: no consent). */
  async consents(
    db: Queryable,
    workspaceId: number,
    customerIds: readonly number[],
  ): Promise<Map<number, Partial<Record<Channel, boolean>>>> {
    const { rows } = await db.query<{ customerId: number; channel: Channel; status: string }>(
      `SELECT DISTINCT ON (customer_id, channel) customer_id AS "customerId", channel, status FROM consent
       WHERE workspace_id = $1 AND customer_id = ANY($2::integer[])
       ORDER BY customer_id, channel, recorded_at DESC, id DESC`,
      [workspaceId, customerIds],
    );
    const consents = new Map<number, Partial<Record<Channel, boolean>>>();
    for (const row of rows) {
      if (!consents.has(row.customerId)) consents.set(row.customerId, {});
      consents.get(row.customerId)![row.channel] = row.status === 'granted';
    }
    return consents;
  }

  /** Response propensity per channel (scores `propensity_<channel>`, written by the scoring models). */
  async propensities(
    db: Queryable,
    workspaceId: number,
    customerIds: readonly number[],
  ): Promise<Map<number, Partial<Record<Channel, number>>>> {
    const { rows } = await db.query<{ customerId: number; model: string; value: number }>(
      `SELECT customer_id AS "customerId", model, value FROM customer_score
       WHERE workspace_id = $1 AND customer_id = ANY($2::integer[]) AND model LIKE 'propensity\\_%'`,
      [workspaceId, customerIds],
    );
    const scores = new Map<number, Partial<Record<Channel, number>>>();
    for (const row of rows) {
      if (!scores.has(row.customerId)) scores.set(row.customerId, {});
      scores.get(row.customerId)![row.model.slice('propensity_'.length) as Channel] = row.value;
    }
    return scores;
  }

  /** Which of the customers meet each condition now (the rule compiled to SQL, limited to them). */
  async evaluate(
    db: Queryable,
    workspaceId: number,
    timeZone: string,
    checks: readonly ConditionCheck[],
    now: Date,
  ): Promise<Map<string, Set<number>>> {
    const results = new Map<string, Set<number>>();
    for (const check of checks) {
      const query = segmentMembersQuery(check.rule, {
        workspaceId,
        referenceTime: now,
        timeZone,
        customerIds: check.customerIds,
      });
      const { rows } = await db.query<{ id: number }>(query.text, query.values);
      results.set(check.key, new Set(rows.map((row) => row.id)));
    }
    return results;
  }

  /** Applies an update node's change to these customers. */
  async applyUpdate(
    db: Queryable,
    workspaceId: number,
    update: NodeConfig<'update'>,
    customerIds: readonly number[],
    now: Date,
  ): Promise<void> {
    if (!customerIds.length) return;
    switch (update.action) {
      case 'set-attribute':
        await db.query(
          `UPDATE customer SET attributes = jsonb_set(attributes, ARRAY[$3::text], $4::jsonb), updated_at = $5
           WHERE workspace_id = $1 AND id = ANY($2::integer[])`,
          [workspaceId, customerIds, update.attribute, JSON.stringify(update.value), now],
        );
        return;
      case 'add-tag':
        // Tags live in attributes.tags (a JSON array), so segment rules read them as any attribute.
        await db.query(
          `UPDATE customer SET attributes = jsonb_set(attributes, '{tags}',
             CASE WHEN jsonb_typeof(attributes->'tags') = 'array' THEN
               CASE WHEN attributes->'tags' ? $3 THEN attributes->'tags' ELSE (attributes->'tags') || to_jsonb($3::text) END
             ELSE jsonb_build_array($3::text) END), updated_at = $4
           WHERE workspace_id = $1 AND id = ANY($2::integer[])`,
          [workspaceId, customerIds, update.tag, now],
        );
        return;
      case 'remove-tag':
        await db.query(
          `UPDATE customer SET attributes = jsonb_set(attributes, '{tags}', (attributes->'tags') - $3::text), updated_at = $4
           WHERE workspace_id = $1 AND id = ANY($2::integer[]) AND jsonb_typeof(attributes->'tags') = 'array'`,
          [workspaceId, customerIds, update.tag, now],
        );
        return;
      case 'adjust-score':
        await db.query(
          `INSERT INTO customer_score (workspace_id, customer_id, model, value, model_version, computed_at)
           SELECT $1, id, $3, $4, 'journey', $5 FROM unnest($2::integer[]) AS id
           ON CONFLICT (workspace_id, customer_id, model)
           DO UPDATE SET value = customer_score.value + EXCLUDED.value, computed_at = EXCLUDED.computed_at`,
          [workspaceId, customerIds, update.score, update.by, now],
        );
        return;
    }
  }
}
