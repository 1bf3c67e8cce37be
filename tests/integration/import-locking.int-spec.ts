import type { PoolClient } from '@kizuna/db';
import {
  importWholeFile,
  startTestEngine,
  uploadImport,
  waitForImport,
  type TestEngine,
  type TestWorkspace,
} from '../support/test-engine';

/**
 * Events and consents files only attach rows to customers, so their imports resolve with identity
 * locking (docs/adr/0004): they do not queue behind the workspace identity lock that an orders or
 * customers import, the customers API or a merge holds for a whole batch, unless they bring a new
 * identity. Real engine, real importer, real PostgreSQL.
 */
describe('imports beside a holder of the workspace identity lock', () => {
  let test: TestEngine;
  let shop: TestWorkspace;
  let holder: PoolClient | undefined;

  beforeAll(async () => {
    test = await startTestEngine();
    shop = await test.createWorkspace('locking');
    await importWholeFile(
      test,
      shop,
      { kind: 'customers', source: 'ec' },
      'customer_id,email\nC1,c1@example.jp\nC2,c2@example.jp',
      10_000,
    );
  });
  afterEach(async () => {
    await holder?.query('ROLLBACK');
    holder?.release();
    holder = undefined;
  });
  afterAll(() => test.stop());

  async function upload(fields: { kind: string; source?: string }, content: string): Promise<number> {
    const response = await uploadImport(test, shop, fields, content);
    expect(response.status).toBe(202);
    return ((await response.json()) as { id: number }).id;
  }

  /** A transaction holding the workspace identity lock as an orders import's batch does. */
  async function holdWorkspaceLock(): Promise<void> {
    holder = await test.db.pool.connect();
    await holder.query('BEGIN');
    await holder.query("SELECT pg_advisory_xact_lock(hashtext('kizuna:identity'), $1)", [shop.id]);
  }

  async function eventCount(): Promise<number> {
    const { rows } = await test.db.pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM event WHERE workspace_id = $1',
      [shop.id],
    );
    return rows[0]!.n;
  }

  it('stores events and consents of stored customers while the lock is held', async () => {
    await holdWorkspaceLock();
    await importWholeFile(
      test,
      shop,
      { kind: 'events', source: 'ec' },
      'event_id,name,customer_id,occurred_at\ne1,page_view,C1,2026-11-20 10:00\ne2,page_view,C2,2026-11-20 11:00',
      10_000,
    );
    await importWholeFile(
      test,
      shop,
      { kind: 'consents', source: 'ec' },
      'customer_id,channel,status,recorded_at\nC1,email,granted,2026-11-20 10:00\nC2,email,revoked,2026-11-20 11:00',
      10_000,
    );
    expect(await eventCount()).toBe(2);
  });

  it('waits for the lock when a file brings a new identity, then stores it', async () => {
    await holdWorkspaceLock();
    const id = await upload(
      { kind: 'events', source: 'ec' },
      'event_id,name,customer_id,occurred_at\ne3,page_view,C3,2026-11-21 10:00',
    );
    await expect(waitForImport(test, shop, id, 1_000)).rejects.toThrow(/still running/);
    await holder!.query('ROLLBACK');
    holder!.release();
    holder = undefined;
    expect(await waitForImport(test, shop, id, 10_000)).toMatchObject({ status: 'succeeded', rowsRejected: 0 });
    expect(await eventCount()).toBe(3);
  });
});
