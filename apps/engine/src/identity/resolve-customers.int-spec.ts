import type { IdentityClaim } from '@kizuna/ingest';
import { createTestDatabase, type TestDatabase } from '../../../../tests/support/test-database';
import { withTransaction } from '../infrastructure/database/transaction';
import { CustomerMergeRepository } from './customer-merge.repository';
import { IdentityRepository } from './identity.repository';
import { ResolveCustomersUseCase, type CustomerClaims } from './resolve-customers.use-case';

const email = (value: string): IdentityClaim => ({ kind: 'email', source: '', value });
const phone = (value: string): IdentityClaim => ({ kind: 'phone', source: '', value });
const member = (value: string): IdentityClaim => ({ kind: 'member', source: '', value });
const external = (source: string, value: string): IdentityClaim => ({ kind: 'external', source, value });

describe('ResolveCustomersUseCase (PostgreSQL)', () => {
  let db: TestDatabase;
  let workspaceId: number;
  const useCase = new ResolveCustomersUseCase(new IdentityRepository(), new CustomerMergeRepository());
  const resolve = (records: CustomerClaims[], origin = 'test') =>
    withTransaction(db.pool, (tx) => useCase.execute(tx, workspaceId, records, origin));
  const customerOf = async (claim: IdentityClaim) =>
    (
      await db.pool.query<{ customer_id: number }>(
        'SELECT customer_id FROM customer_identity WHERE workspace_id = $1 AND kind = $2 AND source = $3 AND value = $4',
        [workspaceId, claim.kind, claim.source, claim.value],
      )
    ).rows[0]?.customer_id;

  beforeAll(async () => {
    db = await createTestDatabase();
    const { rows } = await db.pool.query<{ id: number }>(
      "INSERT INTO workspace (slug, name) VALUES ('t', 'Test') RETURNING id",
    );
    workspaceId = rows[0]!.id;
  });
  afterAll(() => db.drop());

  it('creates one customer per person and attaches records to stored ones', async () => {
    const first = await resolve([
      { claims: [external('ec', 'EC1'), email('hanako@example.jp')], profile: { familyName: '佐藤' } },
      { claims: [email('hanako@example.jp'), phone('+819011110000')], profile: { givenName: '花子' } },
      { claims: [external('ec', 'EC2')] },
    ]);
    expect(first).toMatchObject({ created: 2, merged: 0 });
    expect(first.customerIds[0]).toBe(first.customerIds[1]);
    const again = await resolve([{ claims: [phone('+819011110000'), member('2001')] }]);
    expect(again).toMatchObject({ created: 0, merged: 0, customerIds: [first.customerIds[0]] });
    expect(await customerOf(member('2001'))).toBe(first.customerIds[0]);
    const { rows } = await db.pool.query('SELECT family_name, given_name FROM customer WHERE id = $1', [
      first.customerIds[0],
    ]);
    expect(rows[0]).toEqual({ family_name: '佐藤', given_name: '花子' });
  });

  it('merges a chain A~B by email, B~C by phone into the oldest, keeping every order and consent', async () => {
    const a = (
      await resolve([{ claims: [external('ec', 'A'), email('a@example.com')], profile: { familyName: '高橋' } }])
    ).customerIds[0]!;
    const c = (
      await resolve([{ claims: [external('pos', 'C'), phone('+819022220000')], profile: { givenName: '美咲' } }])
    ).customerIds[0]!;
    for (const [customerId, orderNo] of [
      [a, 'A-1'],
      [c, 'C-1'],
    ] as const) {
      await db.pool.query(
        `INSERT INTO customer_order (workspace_id, customer_id, source, external_id, channel, ordered_at) VALUES ($1, $2, 'ec', $3, 'ec', now())`,
        [workspaceId, customerId, orderNo],
      );
      await db.pool.query(
        `INSERT INTO consent (workspace_id, customer_id, channel, status, recorded_at) VALUES ($1, $2, 'email', 'granted', '2026-01-01')`,
        [workspaceId, customerId],
      );
    }

    const b = await resolve([{ claims: [email('a@example.com'), phone('+819022220000')] }], 'import:9');
    expect(b).toMatchObject({ created: 0, merged: 1, customerIds: [a] });

    const merged = await db.pool.query('SELECT status, merged_into_id FROM customer WHERE id = $1', [c]);
    expect(merged.rows[0]).toEqual({ status: 'merged', merged_into_id: a });
    const survivor = await db.pool.query('SELECT family_name, given_name FROM customer WHERE id = $1', [a]);
    expect(survivor.rows[0]).toEqual({ family_name: '高橋', given_name: '美咲' });
    const orders = await db.pool.query('SELECT external_id FROM customer_order WHERE customer_id = $1 ORDER BY 1', [a]);
    expect(orders.rows.map((r) => r.external_id)).toEqual(['A-1', 'C-1']);
    const consents = await db.pool.query(
      'SELECT count(*)::int AS n FROM consent WHERE workspace_id = $1 AND customer_id IN ($2, $3)',
      [workspaceId, a, c],
    );
    expect(consents.rows[0].n).toBe(1);
    expect(await customerOf(external('pos', 'C'))).toBe(a);

    const log = await db.pool.query(
      'SELECT survivor_id, merged_id, origin, reason, merged_snapshot FROM merge_log WHERE merged_id = $1',
      [c],
    );
    expect(log.rows).toHaveLength(1);
    expect(log.rows[0]).toMatchObject({ survivor_id: a, merged_id: c, origin: 'import:9' });
    expect(log.rows[0].merged_snapshot).toMatchObject({
      id: c,
      given_name: '美咲',
      identities: [
        { kind: 'external', source: 'pos', value: 'C' },
        { kind: 'phone', source: '', value: '+819022220000' },
      ],
    });
    expect(log.rows[0].reason.linkedBy).toEqual(
      expect.arrayContaining([email('a@example.com'), phone('+819022220000')]),
    );
  });

  it('re-points earlier merges when their survivor is merged in turn', async () => {
    const x = (await resolve([{ claims: [email('x@example.com')] }])).customerIds[0]!;
    const y = (await resolve([{ claims: [email('y@example.com')] }])).customerIds[0]!;
    const z = (await resolve([{ claims: [email('z@example.com')] }])).customerIds[0]!;
    await resolve([{ claims: [email('y@example.com'), email('z@example.com')] }]); // z -> y
    await resolve([{ claims: [email('x@example.com'), email('y@example.com')] }]); // y -> x
    const { rows } = await db.pool.query(
      'SELECT id, status, merged_into_id FROM customer WHERE id = ANY($1) ORDER BY id',
      [[x, y, z]],
    );
    expect(rows).toEqual([
      { id: x, status: 'active', merged_into_id: null },
      { id: y, status: 'merged', merged_into_id: x },
      { id: z, status: 'merged', merged_into_id: x },
    ]);
  });

  it('changes nothing when the same records arrive again', async () => {
    const records = [
      {
        claims: [external('ec', 'R1'), email('r@example.com')],
        profile: { familyName: '伊藤' },
        attributes: { rank: 'gold' },
      },
    ];
    await resolve(records);
    const before = await db.pool.query('SELECT * FROM customer WHERE workspace_id = $1 ORDER BY id', [workspaceId]);
    const again = await resolve(records);
    expect(again).toMatchObject({ created: 0, merged: 0, updated: 0 });
    const after = await db.pool.query('SELECT * FROM customer WHERE workspace_id = $1 ORDER BY id', [workspaceId]);
    expect(after.rows).toEqual(before.rows);
  });
});
