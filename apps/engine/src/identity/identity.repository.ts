import { identityKey, type CustomerProfile, type IdentityClaim } from '@kizuna/ingest';
import { Injectable } from '@nestjs/common';
import type { PoolClient } from '@kizuna/db';
import { copyRows } from '../infrastructure/database/copy-rows';
import type { Queryable } from '../infrastructure/database/transaction';
import { PROFILE_COLUMNS, profileValue } from './customer-columns';
import { identityLockKeys } from './identity-lock-key';

export interface NewCustomer {
  id: number;
  profile: CustomerProfile;
  attributes: Record<string, unknown>;
}

export interface ProfileUpdate {
  customerId: number;
  profile: CustomerProfile;
  attributes: Record<string, unknown>;
}

const profileColumnList = PROFILE_COLUMNS.map((c) => c.column).join(', ');

/**
 * Row locks on stored customers (PostgreSQL's row-level lock modes): KEY SHARE to attach rows to a
 * customer, which a profile UPDATE does not wait for; UPDATE to merge or erase it, the one mode that
 * excludes KEY SHARE, so a merge waits for the batches attaching rows to the customers it merges.
 */
export type CustomerLockStrength = 'KEY SHARE' | 'UPDATE';

@Injectable()
export class IdentityRepository {
  /**
   * The workspace identity lock, until the transaction ends. Exclusive: no other resolution of
   * the workspace runs (imports, erasure). Shared: the mode of resolutions that lock the identities
   * they create one by one (lockIdentities); they run side by side but never beside an exclusive one.
   */
  async lockWorkspace(tx: Queryable, workspaceId: number, mode: 'exclusive' | 'shared' = 'exclusive'): Promise<void> {
    const lock = mode === 'shared' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock';
    await tx.query(`SELECT ${lock}(hashtext('kizuna:identity'), $1)`, [workspaceId]);
  }

  /**
   * Locks each identity until the transaction ends, in key order (two batches sharing new
   * identities wait for each other instead of deadlocking): whoever holds it may create it.
   */
  async lockIdentities(tx: Queryable, workspaceId: number, claims: readonly IdentityClaim[]): Promise<void> {
    if (!claims.length) return;
    // unnest yields the sorted array in order; count() leaves one row to send back.
    await tx.query('SELECT count(pg_advisory_xact_lock(key)) FROM unnest($1::bigint[]) AS key', [
      identityLockKeys(workspaceId, claims).map(String),
    ]);
  }

  /**
   * Locks the customers in id order (so two lockers cannot deadlock) and returns how many are still
   * active and not erased. Under READ COMMITTED a row changed by a transaction we waited for is read
   * again, so a customer merged or erased meanwhile is not counted: the caller resolves again.
   */
  async lockActiveCustomers(
    tx: Queryable,
    workspaceId: number,
    customerIds: readonly number[],
    strength: CustomerLockStrength,
  ): Promise<number> {
    if (!customerIds.length) return 0;
    const { rows } = await tx.query(
      `SELECT id FROM customer
        WHERE workspace_id = $1 AND id = ANY($2::int[]) AND status = 'active' AND erased_at IS NULL
        ORDER BY id FOR ${strength}`,
      [workspaceId, customerIds],
    );
    return rows.length;
  }

  /** identityKey(claim) -> id of the customer owning it, for the claims already stored. */
  async findOwners(tx: Queryable, workspaceId: number, claims: readonly IdentityClaim[]): Promise<Map<string, number>> {
    const owners = new Map<string, number>();
    if (!claims.length) return owners;
    // One index scan per (kind, source) with `value = ANY(...)`: cheaper to plan and run than a
    // join against an unnest of three arrays.
    const groups = new Map<string, { kind: string; source: string; values: string[] }>();
    for (const claim of claims) {
      const key = `${claim.kind}\u0000${claim.source}`;
      let group = groups.get(key);
      if (!group) groups.set(key, (group = { kind: claim.kind, source: claim.source, values: [] }));
      group.values.push(claim.value);
    }
    const params: unknown[] = [workspaceId];
    const selects = [...groups.values()].map((group) => {
      params.push(group.kind, group.source, group.values);
      const n = params.length;
      return `SELECT kind::text AS kind, source, value, customer_id FROM customer_identity
               WHERE workspace_id = $1 AND kind = $${n - 2}::identity_kind AND source = $${n - 1} AND value = ANY($${n}::text[])`;
    });
    const { rows } = await tx.query<{
      kind: IdentityClaim['kind'];
      source: string;
      value: string;
      customer_id: number;
    }>(selects.join(' UNION ALL '), params);
    for (const row of rows) owners.set(identityKey(row), row.customer_id);
    return owners;
  }

  /** Reserves ids up front so each new customer's id is known before the insert. */
  async allocateCustomerIds(tx: Queryable, count: number): Promise<number[]> {
    if (count === 0) return [];
    // The sequence as a constant: pg_get_serial_sequence() here ran once per row (8x slower).
    const { rows } = await tx.query<{ id: number }>(
      "SELECT nextval('customer_id_seq'::regclass)::int AS id FROM generate_series(1, $1)",
      [count],
    );
    return rows.map((row) => row.id);
  }

  /** New customers (ids from allocateCustomerIds), bulk-loaded. */
  async insertCustomers(tx: PoolClient, workspaceId: number, customers: readonly NewCustomer[]): Promise<void> {
    await copyRows(
      tx,
      'customer',
      ['workspace_id', 'id', ...PROFILE_COLUMNS.map((c) => c.column), 'attributes'],
      customers.map((c) => [
        workspaceId,
        c.id,
        ...PROFILE_COLUMNS.map(({ field }) => profileValue(c.profile, field)),
        JSON.stringify(c.attributes),
      ]),
    );
  }

  /**
   * Identities known to be new: the caller looked them up holding their locks (the workspace lock
   * exclusively, or each identity's own), so no other transaction can have stored them since, and
   * COPY needs no conflict handling.
   */
  async insertNewIdentities(
    tx: PoolClient,
    workspaceId: number,
    identities: readonly { customerId: number; claim: IdentityClaim }[],
  ): Promise<void> {
    await copyRows(
      tx,
      'customer_identity',
      ['workspace_id', 'customer_id', 'kind', 'source', 'value'],
      identities.map((i) => [workspaceId, i.customerId, i.claim.kind, i.claim.source, i.claim.value]),
    );
  }

  /**
   * Writes given profile values over stored ones. Rows whose values are all already stored are not
   * touched, so re-importing a file changes nothing (not even updated_at).
   */
  async updateProfiles(tx: Queryable, workspaceId: number, updates: readonly ProfileUpdate[]): Promise<number> {
    if (!updates.length) return 0;
    const params: unknown[] = [workspaceId, updates.map((u) => u.customerId)];
    const unnestArgs = ['$2::int[]'];
    const sets: string[] = [];
    const changed: string[] = [];
    for (const { field, column, type } of PROFILE_COLUMNS) {
      params.push(updates.map((u) => profileValue(u.profile, field)));
      unnestArgs.push(`$${params.length}::${type}[]`);
      sets.push(`${column} = COALESCE(t.${column}, c.${column})`);
      changed.push(`(t.${column} IS NOT NULL AND t.${column} IS DISTINCT FROM c.${column})`);
    }
    params.push(updates.map((u) => JSON.stringify(u.attributes)));
    unnestArgs.push(`$${params.length}::jsonb[]`);
    const result = await tx.query(
      `UPDATE customer c
          SET ${sets.join(', ')}, attributes = c.attributes || t.attributes, updated_at = now()
         FROM unnest(${unnestArgs.join(', ')}) AS t(id, ${profileColumnList}, attributes)
        WHERE c.id = t.id AND c.workspace_id = $1
          AND (${changed.join(' OR ')} OR NOT (c.attributes @> t.attributes))`,
      params,
    );
    return result.rowCount ?? 0;
  }
}
