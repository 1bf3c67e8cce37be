import { createPgPool, type Pool, type PoolClient } from '@kizuna/db';
import { systemClock } from '@kizuna/shared';
import { setTimeout as delay } from 'node:timers/promises';
import { createTestDatabase, type TestDatabase } from '../../../../tests/support/test-database';
import { CustomerMergeRepository } from '../identity/customer-merge.repository';
import { IdentityRepository } from '../identity/identity.repository';
import { ResolveCustomersUseCase } from '../identity/resolve-customers.use-case';
import { DataChangeNotifier } from '../infrastructure/data-changes/data-change.notifier';
import { withTransaction } from '../infrastructure/database/transaction';
import { EventBatchSchema } from './event-input.schema';
import { EventRepository } from './event.repository';
import { IngestEventsUseCase } from './ingest-events.use-case';
import { seededRandom } from '../../../../libs/analytics/src/testing/seeded-random';

interface Person {
  customerId?: string;
  email?: string;
}

/** A transaction of `pool` that stops before COMMIT, holding its locks, until released. */
function heldAtCommit(pool: Pool) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let reached!: () => void;
  const atCommit = new Promise<void>((resolve) => (reached = resolve));
  const held = {
    connect: async () => {
      const client = await pool.connect();
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      return {
        // Not async: a COPY returns its stream, not a promise.
        query: (...args: unknown[]) => {
          if (args[0] !== 'COMMIT') return query(...args);
          reached();
          return released.then(() => query(...args));
        },
        release: (error?: Error) => client.release(error),
      };
    },
  };
  return { pool: held as unknown as Pool, atCommit, release };
}

/** Whether `promise` settles within `ms`. */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  return Promise.race([promise.then(() => true), delay(ms, false, { ref: false })]);
}

describe('IngestEventsUseCase: concurrent batches of one workspace (PostgreSQL)', () => {
  let db: TestDatabase;
  let pool: Pool;
  let workspaceId: number;
  const resolveCustomers = new ResolveCustomersUseCase(new IdentityRepository(), new CustomerMergeRepository());
  const useCase = (on: Pool) =>
    new IngestEventsUseCase(on, systemClock, resolveCustomers, new EventRepository(), new DataChangeNotifier());

  const batch = (events: { id: string; customer: Person }[]) =>
    EventBatchSchema.parse({
      source: 'ec',
      events: events.map((e) => ({ eventId: e.id, name: 'page_view', customer: e.customer })),
    });
  const ingest = (events: { id: string; customer: Person }[], on = pool) =>
    useCase(on).execute(workspaceId, batch(events));

  /** A backend of the test database waiting for a lock, and for which kind. */
  async function lockWait(): Promise<string> {
    for (let i = 0; i < 100; i++) {
      const { rows } = await db.pool.query<{ wait_event: string }>(
        "SELECT wait_event FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock'",
        [db.name],
      );
      if (rows[0]) return rows[0].wait_event;
      await delay(50);
    }
    return 'none';
  }

  const ownerOf = async (kind: string, source: string, value: string) =>
    (
      await db.pool.query<{ customer_id: number }>(
        'SELECT customer_id FROM customer_identity WHERE workspace_id = $1 AND kind = $2 AND source = $3 AND value = $4',
        [workspaceId, kind, source, value],
      )
    ).rows[0]?.customer_id;
  const customerOfEvent = async (id: string) =>
    (
      await db.pool.query<{ customer_id: number }>(
        "SELECT customer_id FROM event WHERE workspace_id = $1 AND source = 'ec' AND external_id = $2",
        [workspaceId, id],
      )
    ).rows[0]?.customer_id;

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = createPgPool(db.url, { max: 10, applicationName: 'kizuna-test' });
  });
  beforeEach(async () => {
    const { rows } = await db.pool.query<{ id: number }>(
      "INSERT INTO workspace (slug, name) VALUES ('t' || gen_random_uuid(), 'Test') RETURNING id",
    );
    workspaceId = rows[0]!.id;
  });
  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  it('stores every event once and makes one customer per person when batches race over new identities', async () => {
    // 24 new people, each referenced by id, by email or by both (the link), from 40 batches of 25
    // events sent twice at once (a retry racing its first send), and one batch of 80 more people (160
    // new identities: past the per-identity locks, so it takes the workspace lock) among them.
    const PEOPLE = 24;
    const reference = (person: number, how: number): Person =>
      how === 0
        ? { customerId: `P${person}` }
        : how === 1
          ? { email: `p${person}@example.jp` }
          : { customerId: `P${person}`, email: `p${person}@example.jp` };
    const random = seededRandom(20261207);
    const personOf = new Map<string, number>();
    const batches = Array.from({ length: 40 }, (_, b) =>
      Array.from({ length: 25 }, (_, j) => {
        // Each person's link (id and email in one event) is the first event of one of the batches.
        const person = j === 0 ? b % PEOPLE : Math.floor(random() * PEOPLE);
        const id = `b${b}-e${j}`;
        personOf.set(id, person);
        return { id, customer: reference(person, j === 0 ? 2 : Math.floor(random() * 3)) };
      }),
    );
    const bulk = Array.from({ length: 80 }, (_, k) => {
      personOf.set(`bulk-${k}`, PEOPLE + k);
      return { id: `bulk-${k}`, customer: reference(PEOPLE + k, 2) };
    });
    const sends = [...batches, ...batches, bulk];

    const results = await Promise.all(sends.map((events) => ingest(events)));

    const sent = personOf.size;
    expect(sent).toBe(40 * 25 + 80);
    expect(results.reduce((n, r) => n + r.accepted - r.duplicates, 0)).toBe(sent);
    const events = await db.pool.query<{ external_id: string; customer_id: number }>(
      'SELECT external_id, customer_id FROM event WHERE workspace_id = $1',
      [workspaceId],
    );
    expect(events.rows).toHaveLength(sent);
    expect(new Set(events.rows.map((e) => e.external_id)).size).toBe(sent);

    // Every person's identities belong to one active customer, and every event is that customer's.
    const owners = await db.pool.query<{ value: string; customer_id: number; status: string }>(
      `SELECT i.value, i.customer_id, c.status::text FROM customer_identity i JOIN customer c ON c.id = i.customer_id
        WHERE i.workspace_id = $1`,
      [workspaceId],
    );
    expect(owners.rows).toHaveLength(2 * (PEOPLE + 80));
    const customerOfPerson = new Map<number, number>();
    for (const owner of owners.rows) {
      expect(owner.status).toBe('active');
      const person = Number(/\d+/.exec(owner.value)![0]);
      expect(customerOfPerson.get(person) ?? owner.customer_id).toBe(owner.customer_id);
      customerOfPerson.set(person, owner.customer_id);
    }
    expect(new Set(customerOfPerson.values()).size).toBe(PEOPLE + 80);
    const misplaced = events.rows.filter((e) => customerOfPerson.get(personOf.get(e.external_id)!) !== e.customer_id);
    expect(misplaced).toEqual([]);

    // Customers created before their link arrived were merged, each merge logged once.
    const { rows } = await db.pool.query<{ active: number; merged: number; logged: number }>(
      `SELECT count(*) FILTER (WHERE status = 'active')::int AS active, count(*) FILTER (WHERE status = 'merged')::int AS merged,
              (SELECT count(*)::int FROM merge_log WHERE workspace_id = $1) AS logged
         FROM customer WHERE workspace_id = $1`,
      [workspaceId],
    );
    expect(rows[0]).toEqual({ active: PEOPLE + 80, merged: rows[0]!.logged, logged: rows[0]!.logged });
  });

  it('numbers a batch’s events in the order sent', async () => {
    await ingest([
      { id: 'z-view', customer: { customerId: 'N1' } },
      { id: 'a-cart', customer: { customerId: 'N1' } },
      { id: 'm-buy', customer: { customerId: 'N1' } },
    ]);
    const { rows } = await db.pool.query<{ external_id: string }>(
      'SELECT external_id FROM event WHERE workspace_id = $1 ORDER BY id',
      [workspaceId],
    );
    expect(rows.map((r) => r.external_id)).toEqual(['z-view', 'a-cart', 'm-buy']);
  });

  it('lets batches of stored customers run side by side, and waits only for a new identity they share', async () => {
    await ingest([
      { id: 'seed-1', customer: { customerId: 'K1', email: 'k1@example.jp' } },
      { id: 'seed-2', customer: { customerId: 'K2' } },
    ]);
    const k1 = await ownerOf('external', 'ec', 'K1');

    // A batch of stored customers held open before COMMIT: another batch of the same customers completes.
    const first = heldAtCommit(pool);
    const held = ingest([{ id: 'k-1', customer: { email: 'k1@example.jp' } }], first.pool);
    await first.atCommit;
    const second = ingest([
      { id: 'k-2', customer: { customerId: 'K1' } },
      { id: 'k-3', customer: { customerId: 'K2' } },
    ]);
    expect(await settlesWithin(second, 10_000)).toBe(true);
    expect(await customerOfEvent('k-2')).toBe(k1);
    first.release();
    await held;
    expect(await customerOfEvent('k-1')).toBe(k1);

    // A batch creating N1 held open: one creating N2 completes; one also naming N1 waits for it,
    // then finds the customer it created.
    const creating = heldAtCommit(pool);
    const createsN1 = ingest([{ id: 'n-1', customer: { customerId: 'N1' } }], creating.pool);
    await creating.atCommit;
    expect(await settlesWithin(ingest([{ id: 'n-2', customer: { customerId: 'N2' } }]), 10_000)).toBe(true);
    const namesN1 = ingest([{ id: 'n-3', customer: { customerId: 'N1', email: 'n1@example.jp' } }]);
    expect(await lockWait()).toBe('advisory');
    expect(await settlesWithin(namesN1, 200)).toBe(false);
    creating.release();
    await Promise.all([createsN1, namesN1]);
    const n1 = await ownerOf('external', 'ec', 'N1');
    expect(await ownerOf('email', '', 'n1@example.jp')).toBe(n1);
    expect([await customerOfEvent('n-1'), await customerOfEvent('n-3')]).toEqual([n1, n1]);
  });

  it('keeps the workspace lock of imports: they exclude new identities, not batches of stored customers', async () => {
    await ingest([{ id: 'seed', customer: { customerId: 'S1' } }]);
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const holding = new Promise<void>((resolve) => (started = resolve));
    const importing = withTransaction(pool, async (tx: PoolClient) => {
      const resolved = await resolveCustomers.execute(tx, workspaceId, [{ claims: [ecClaim('I1')] }], 'import:1');
      started();
      await released;
      return resolved;
    });
    await holding;
    expect(await settlesWithin(ingest([{ id: 'i-1', customer: { customerId: 'S1' } }]), 10_000)).toBe(true);
    const namesI1 = ingest([{ id: 'i-2', customer: { customerId: 'I1' } }]);
    expect(await lockWait()).toBe('advisory');
    expect(await settlesWithin(namesI1, 200)).toBe(false);
    release();
    const imported = await importing;
    await namesI1;
    expect(await customerOfEvent('i-2')).toBe(imported.customerIds[0]);
  });

  it('moves a held batch’s events when a merge waits for it, and sends a batch waiting for a merge to the survivor', async () => {
    await ingest([
      { id: 'seed-a', customer: { customerId: 'A', email: 'a@example.jp' } },
      { id: 'seed-b', customer: { customerId: 'B', email: 'b@example.jp' } },
    ]);
    const [a, b] = [await ownerOf('external', 'ec', 'A'), await ownerOf('external', 'ec', 'B')];
    const link = async (emails: string[]) =>
      withTransaction(pool, (tx) =>
        resolveCustomers.execute(
          tx,
          workspaceId,
          [{ claims: emails.map((value) => ({ kind: 'email' as const, source: '', value })) }],
          'customers-api',
        ),
      );

    // The batch holds B; the merge of B into A waits for it (a row lock), then moves its event.
    const batchHeld = heldAtCommit(pool);
    const toB = ingest([{ id: 'to-b', customer: { customerId: 'B' } }], batchHeld.pool);
    await batchHeld.atCommit;
    const merging = link(['a@example.jp', 'b@example.jp']);
    expect(await lockWait()).toBe('transactionid');
    batchHeld.release();
    await toB;
    expect(await merging).toMatchObject({ merged: 1, customerIds: [a] });
    expect(await customerOfEvent('to-b')).toBe(a);
    expect(await customerOfEvent('seed-b')).toBe(a);

    // A merge held open: a batch naming the merged customer's identity waits, then goes to the survivor.
    await ingest([{ id: 'seed-c', customer: { customerId: 'C', email: 'c@example.jp' } }]);
    const c = await ownerOf('external', 'ec', 'C');
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let merged!: () => void;
    const mergedC = new Promise<void>((resolve) => (merged = resolve));
    const holdingMerge = withTransaction(pool, async (tx) => {
      await resolveCustomers.execute(
        tx,
        workspaceId,
        [{ claims: [ecClaim('A'), { kind: 'email', source: '', value: 'c@example.jp' }] }],
        'customers-api',
      );
      merged();
      await released;
    });
    await mergedC;
    const toC = ingest([{ id: 'to-c', customer: { customerId: 'C' } }]);
    expect(await lockWait()).toBe('transactionid');
    release();
    await Promise.all([holdingMerge, toC]);
    expect(c).not.toBe(a);
    expect(await customerOfEvent('to-c')).toBe(a);
    expect(b).not.toBe(a);
    const { rows } = await db.pool.query<{ status: string }>(
      'SELECT DISTINCT c.status::text FROM event e JOIN customer c ON c.id = e.customer_id WHERE e.workspace_id = $1',
      [workspaceId],
    );
    expect(rows).toEqual([{ status: 'active' }]);
  });
});

function ecClaim(value: string) {
  return { kind: 'external' as const, source: 'ec', value };
}
