import type { Pool } from '@kizuna/db';
import { claimsOf, normaliseEmail, normaliseIdentifier, normaliseMemberNo, normalisePhone } from '@kizuna/ingest';
import { NotFoundError } from '@kizuna/shared';
import { Inject, Injectable } from '@nestjs/common';
import { DataChangeNotifier } from '../infrastructure/data-changes/data-change.notifier';
import { PG_POOL } from '../infrastructure/database/database.tokens';
import { withTransaction } from '../infrastructure/database/transaction';
import { ResolveCustomersUseCase } from '../identity/resolve-customers.use-case';
import {
  toCustomerProfile,
  toCustomerReference,
  type CustomerUpsert,
  type CustomerUpsertBody,
} from './customer-input.schema';
import { PROFILE_ACTIVITY_LIMIT, type CustomerActivity } from './customer-activity';
import { CustomerActivityRepository } from './customer-activity.repository';
import { CustomerRepository, type CustomerSearchHit } from './customer.repository';

@Injectable()
export class CustomerService {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly customers: CustomerRepository,
    private readonly activity: CustomerActivityRepository,
    private readonly resolveCustomers: ResolveCustomersUseCase,
    private readonly changes: DataChangeNotifier,
  ) {}

  /** Creates or updates customers by their identities (merging those that turn out to be one). */
  async upsert(workspaceId: number, body: CustomerUpsertBody) {
    const { source, customers } = 'customers' in body ? body : { source: 'api', customers: [body] as CustomerUpsert[] };
    const resolved = await withTransaction(this.pool, (tx) =>
      this.resolveCustomers.execute(
        tx,
        workspaceId,
        customers.map((customer) => ({
          claims: claimsOf(toCustomerReference(customer), source),
          profile: toCustomerProfile(customer),
          attributes: customer.attributes ?? {},
        })),
        'customers-api',
      ),
    );
    await this.changes.notify({ kind: 'customers', workspaceId, customerIds: [...new Set(resolved.customerIds)] });
    const summary = { created: resolved.created, merged: resolved.merged, updated: resolved.updated };
    return 'customers' in body
      ? { items: resolved.customerIds.map((id) => ({ id })), ...summary }
      : { id: resolved.customerIds[0]!, ...summary };
  }

  /**
   * The unified profile: every identity and source, consents, merges, purchases, and what the engine
   * did with the customer (messages, responses, scores, journey enrolments; capped lists).
   */
  async profile(workspaceId: number, id: number) {
    const customer = await this.customers.find(workspaceId, id);
    if (!customer) throw new NotFoundError('customer', id);
    const [identities, consents, merges, stats, recentOrders, analytics, segments] = await Promise.all([
      this.customers.identities(workspaceId, id),
      this.customers.consents(workspaceId, id),
      this.customers.merges(workspaceId, id),
      this.customers.stats(workspaceId, id),
      this.customers.recentOrders(workspaceId, id, 20),
      this.customers.analytics(workspaceId, id),
      this.customers.currentSegments(workspaceId, id),
    ]);
    const activity = await this.activityOf(workspaceId, id);
    const sources = [...new Set(identities.filter((i) => i.kind === 'external').map((i) => i.source))].sort();
    return {
      ...customer,
      identities,
      sources,
      consents,
      merges,
      stats,
      recentOrders,
      analytics: analytics ?? null,
      segments,
      ...activity,
    };
  }

  /**
   * Read after the profile's own queries rather than beside them: the pool (5 connections when embedded) is
   * shared with journey steps and imports, which one page view should not starve.
   */
  private async activityOf(workspaceId: number, id: number): Promise<CustomerActivity> {
    const limit = PROFILE_ACTIVITY_LIMIT;
    const [messages, responses, scores, journeys, activityTotals] = await Promise.all([
      this.activity.messages(workspaceId, id, limit),
      this.activity.responses(workspaceId, id, limit),
      this.activity.scores(workspaceId, id, limit),
      this.activity.enrollments(workspaceId, id, limit),
      this.activity.totals(workspaceId, id),
    ]);
    return { messages, responses, scores, journeys, activityTotals };
  }

  async merges(workspaceId: number, id: number) {
    if (!(await this.customers.find(workspaceId, id))) throw new NotFoundError('customer', id);
    return { items: await this.customers.merges(workspaceId, id) };
  }

  async search(workspaceId: number, query: string, limit: number): Promise<CustomerSearchHit[]> {
    const text = query.trim();
    if (!text) return [];
    const values = new Set<string>([normaliseIdentifier(text), normaliseMemberNo(text)]);
    for (const normalised of [normaliseEmail(text), normalisePhone(text)])
      if (normalised.ok) values.add(normalised.value);
    return this.customers.search(workspaceId, [...values], text, limit);
  }
}
