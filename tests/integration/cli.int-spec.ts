import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runKizunaCli, type CliRun } from '../support/run-cli';
import { startTestEngine, type TestEngine } from '../support/test-engine';

// Each command compiles the engine's sources and starts its services: about two seconds.
jest.setTimeout(60_000);

const repositoryRoot = path.resolve(__dirname, '../..');

/**
 * `npx kizuna` as a user runs it: a child process on the same database as a running engine (the
 * test engine's), so what the CLI writes is what the API then serves.
 */
describe('kizuna CLI', () => {
  let test: TestEngine;
  let dir: string;

  beforeAll(async () => {
    // No schedules in the engine: a scheduled analytics refresh would replace the snapshots the CLI
    // computes "as of" a date while the test reads them back (--cached).
    test = await startTestEngine({ KIZUNA_PERIODIC_TASKS: 'off' });
    dir = mkdtempSync(path.join(tmpdir(), 'kizuna-cli-test-'));
  });
  afterAll(async () => {
    await test.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  function kizuna(...args: string[]): Promise<CliRun> {
    return runKizunaCli(args, { databaseUrl: test.db.url, dataDir: path.join(dir, 'data'), timeoutMs: 45_000 });
  }

  function file(name: string, content: string): string {
    const filePath = path.join(dir, name);
    writeFileSync(filePath, content);
    return filePath;
  }

  const count = async (sql: string, params: unknown[] = []) =>
    (await test.db.pool.query<{ n: number }>(sql, params)).rows[0]!.n;

  it('creates a workspace', async () => {
    const run = await kizuna('workspaces', 'create', 'cli-shop', '--name', 'CLI Shop');
    const { rows } = await test.db.pool.query('SELECT id, slug, name, timezone FROM workspace WHERE slug = $1', [
      'cli-shop',
    ]);
    expect(rows).toEqual([{ id: expect.any(Number), slug: 'cli-shop', name: 'CLI Shop', timezone: 'Asia/Tokyo' }]);
    expect(run).toEqual({ code: 0, stdout: `workspace cli-shop created (id ${rows[0].id})\n`, stderr: '' });
  });

  it('adds an editor account with a password shown once, lists it, and resets its password', async () => {
    const added = await kizuna('users', 'add', 'Tanaka@Example.jp', '--workspace', 'cli-shop', '--role', 'marketer');
    expect(added.code).toBe(0);
    const temporary = /temporary password \(shown once\): (\S+)/.exec(added.stdout)?.[1];
    expect(temporary).toHaveLength(20);
    await test.signIn({ email: 'tanaka@example.jp', password: temporary! });

    const listed = await kizuna('users', 'list', '--workspace', 'cli-shop', '--json');
    expect(JSON.parse(listed.stdout)).toEqual([
      expect.objectContaining({ email: 'tanaka@example.jp', role: 'marketer', personalData: false }),
    ]);
    const { rows } = await test.db.pool.query<{ password_hash: string }>('SELECT password_hash FROM app_user');
    expect(JSON.stringify(rows)).not.toContain(temporary);

    const reset = await kizuna('users', 'reset-password', 'tanaka@example.jp');
    const fresh = /\n {2}(\S+)\n/.exec(reset.stdout)?.[1];
    expect(fresh).toHaveLength(20);
    await test.signIn({ email: 'tanaka@example.jp', password: fresh! });
    const refused = await fetch(`${test.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'tanaka@example.jp', password: temporary }),
    });
    expect(refused.status).toBe(401);
  }, 120_000);

  it('imports an orders file, stores the good rows and writes the bad ones with their line numbers', async () => {
    const orders = file(
      'orders.csv',
      [
        'order_id,customer_id,ordered_at,sku,product_name,quantity,unit_price',
        'O-1,C1,2026-01-05 10:00,UR-TR,うるおいトライアル,1,1100',
        'O-2,C2,2026-02-30 10:00,UR-TR,うるおいトライアル,1,1100', // line 3: no such date
        'O-3,C3,2026-01-06 11:00,UR-TR,うるおいトライアル,0,1100', // line 4: quantity 0
        'O-4,C4,2026-01-07 12:00,UR-LOTION,化粧水,2,"3,300"',
      ].join('\r\n') + '\r\n',
    );
    const rejections = path.join(dir, 'rejected.csv');
    const run = await kizuna(
      'import',
      'orders',
      orders,
      '--source',
      'ec',
      '--workspace',
      'cli-shop',
      '--rejections',
      rejections,
    );

    const job = (
      await test.db.pool.query(
        'SELECT id, status, origin, rows_read, rows_accepted, rows_rejected FROM import_job ORDER BY id DESC LIMIT 1',
      )
    ).rows[0];
    expect(job).toEqual({
      id: expect.any(Number),
      status: 'succeeded',
      origin: 'cli',
      rows_read: 4,
      rows_accepted: 2,
      rows_rejected: 2,
    });
    expect(run).toEqual({
      code: 0,
      stdout: `import #${job.id} succeeded: 4 rows read, 2 accepted, 2 rejected (workspace cli-shop)\n`,
      stderr: '',
    });

    const bytes = readFileSync(rejections);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // a BOM, so Excel reads UTF-8
    expect(bytes.subarray(3).toString('utf8').split('\r\n')).toEqual([
      'line,column,reason,row',
      '3,ordered_at,"""2026-02-30 10:00"" is not a calendar date","O-2,C2,2026-02-30 10:00,UR-TR,うるおいトライアル,1,1100"',
      '4,quantity,"""0"" is less than 1","O-3,C3,2026-01-06 11:00,UR-TR,うるおいトライアル,0,1100"',
      '',
    ]);

    const stored = await test.db.pool.query(
      `SELECT o.external_id, o.source, i.value AS customer, l.quantity, l.amount, p.sku
         FROM customer_order o JOIN order_line l ON l.order_id = o.id JOIN product p ON p.id = l.product_id
         JOIN customer_identity i ON i.customer_id = o.customer_id AND i.kind = 'external'
        ORDER BY 1`,
    );
    expect(stored.rows).toEqual([
      { external_id: 'O-1', source: 'ec', customer: 'C1', quantity: 1, amount: 1100, sku: 'UR-TR' },
      { external_id: 'O-4', source: 'ec', customer: 'C4', quantity: 2, amount: 6600, sku: 'UR-LOTION' },
    ]);
  });

  it('refuses a file with the wrong columns, naming them on stderr, and stores nothing', async () => {
    const before = {
      jobs: await count('SELECT count(*)::int AS n FROM import_job'),
      orders: await count('SELECT count(*)::int AS n FROM customer_order'),
    };
    const wrong = file(
      'wrong.csv',
      'order_no,customer_id,ordered_at,sku,qty,unit_price\nO-9,C9,2026-01-01 10:00,UR-TR,1,100\n',
    );
    const run = await kizuna('import', 'orders', wrong, '--source', 'ec', '--workspace', 'cli-shop');
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'kizuna: The orders file has the wrong columns: missing columns: order_id, quantity; unknown columns: order_no, qty. ' +
        'Expected columns: order_id, customer_id, email, phone, line_user_id, member_no, ordered_at, channel, store_id, line_no, sku, product_name, quantity, unit_price, amount, coupon_code.\n',
    );
    expect({
      jobs: await count('SELECT count(*)::int AS n FROM import_job'),
      orders: await count('SELECT count(*)::int AS n FROM customer_order'),
    }).toEqual(before);
  });

  it('names the workspaces there are when --workspace names none of them', async () => {
    const run = await kizuna('import', 'orders', path.join(dir, 'orders.csv'), '--workspace', 'nope');
    expect(run).toEqual({ code: 1, stdout: '', stderr: 'kizuna: no workspace "nope"; workspaces: cli-shop\n' });
  });

  it('creates an API key that the running engine accepts, and which sees what the CLI imported', async () => {
    const run = await kizuna('api-keys', 'create', '--workspace', 'cli-shop', '--name', 'from the terminal', '--json');
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const created = JSON.parse(run.stdout) as { id: number; prefix: string; key: string };
    expect(created).toEqual({
      id: expect.any(Number),
      name: 'from the terminal',
      prefix: expect.stringMatching(/^[A-Za-z0-9]{12}$/),
      role: 'admin',
      createdAt: expect.any(String),
      lastUsedAt: null,
      revokedAt: null,
      key: expect.stringMatching(new RegExp(`^kz_${created.prefix}_[A-Za-z0-9_-]{43}$`)),
    });

    const workspaceId = (await test.db.pool.query('SELECT id FROM workspace WHERE slug = $1', ['cli-shop'])).rows[0]
      .id as number;
    const cliShop = { id: workspaceId, slug: 'cli-shop', apiKey: created.key };
    const workspace = await test.api(cliShop, '/api/v1/workspace');
    expect(workspace.status).toBe(200);
    expect(await workspace.json()).toEqual({
      id: workspaceId,
      slug: 'cli-shop',
      name: 'CLI Shop',
      timezone: 'Asia/Tokyo',
      createdAt: expect.any(String),
    });

    const imports = (await (await test.api(cliShop, '/api/v1/imports')).json()) as { items: Record<string, unknown>[] };
    expect(imports.items).toEqual([
      expect.objectContaining({
        kind: 'orders',
        source: 'ec',
        fileName: 'orders.csv',
        origin: 'cli',
        status: 'succeeded',
        rowsRead: 4,
        rowsAccepted: 2,
        rowsRejected: 2,
      }),
    ]);
    // The API's rejection report is the file the CLI wrote.
    const report = await test.api(cliShop, `/api/v1/imports/${String(imports.items[0]!.id)}/rejections`);
    expect(Buffer.from(await report.arrayBuffer())).toEqual(readFileSync(path.join(dir, 'rejected.csv')));
  });

  it('runs an analysis and prints it, as a table, JSON or CSV', async () => {
    const rfm = await kizuna('analyze', 'rfm', '--workspace', 'cli-shop', '--as-of', '2026-03-01');
    expect(rfm.code).toBe(0);
    expect(rfm.stdout).toContain('rfm of workspace cli-shop as of 2026-02-28T15:00:00.000Z');
    expect(rfm.stdout).toMatch(/2 customers, window 365 days/);
    const json = await kizuna('analyze', 'deciles', '--workspace', 'cli-shop', '--cached', '--json');
    expect(JSON.parse(json.stdout)).toMatchObject({ kind: 'deciles', referenceAt: '2026-02-28T15:00:00.000Z' });
    const csv = await kizuna('analyze', 'rf-matrix', '--workspace', 'cli-shop', '--cached', '--csv');
    expect(csv.stdout.split('\r\n')[0]).toBe(
      'months_since_last,purchases,stage,stage_code,customers,customer_share,sales,sales_share,cohort_customers,repeated,repeat_rate',
    );
    const unknown = await kizuna('analyze', 'rfn', '--workspace', 'cli-shop');
    expect(unknown).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('unknown analysis "rfn"; one of: rfm, rf-matrix'),
    });
  });

  it('creates, lists, previews and refreshes segments', async () => {
    const rule = file(
      'rule.json',
      JSON.stringify({
        version: 1,
        root: {
          type: 'group',
          combinator: 'and',
          rules: [{ type: 'purchase', measure: 'count', operator: 'gte', value: 1 }],
        },
      }),
    );
    const preview = await kizuna('segments', 'preview', rule, '--workspace', 'cli-shop', '--json');
    expect(JSON.parse(preview.stdout)).toMatchObject({ count: 2, customers: 2 });
    const created = await kizuna('segments', 'create', '購入者', rule, '--workspace', 'cli-shop', '--cron', 'none');
    expect(created).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^segment \d+ "購入者" created: 2 members\n$/),
    });
    const listed = JSON.parse(
      (await kizuna('segments', 'list', '--workspace', 'cli-shop', '--json')).stdout,
    ) as unknown[];
    expect(listed).toEqual([expect.objectContaining({ name: '購入者', memberCount: 2, refreshCron: null })]);
    const refreshed = await kizuna('segments', 'refresh', '購入者', '--workspace', 'cli-shop');
    expect(refreshed.stdout).toMatch(/^購入者: 2 members, 0 entered, 0 exited/);
    const bad = file('bad.json', JSON.stringify({ version: 1, root: { type: 'group', combinator: 'and', rules: [] } }));
    const refused = await kizuna('segments', 'preview', bad, '--workspace', 'cli-shop');
    expect(refused).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('root: a group needs at least one rule'),
    });
  });

  it('validates, publishes and simulates journeys from files', async () => {
    const template = path.join(repositoryRoot, 'scenarios', 'churn-prevention.json');
    expect(await kizuna('journeys', 'validate', template, '--workspace', 'cli-shop')).toMatchObject({
      code: 0,
      stdout: 'valid\n',
    });
    const broken = file(
      'broken-journey.json',
      JSON.stringify({ version: 1, nodes: [{ id: 'mail', type: 'send', config: { channel: 'email' } }], edges: [] }),
    );
    const refused = await kizuna('journeys', 'validate', broken, '--workspace', 'cli-shop');
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('[no-trigger]');
    expect(refused.stdout).toContain('Node "mail" (send)');

    const welcome = file(
      'welcome.json',
      JSON.stringify({
        name: 'CLI welcome',
        graph: {
          version: 1,
          nodes: [
            { id: 'start', type: 'trigger.event', config: { eventName: 'signed_up', filters: [] } },
            { id: 'wait', type: 'wait', config: { mode: 'duration', duration: { amount: 2, unit: 'days' } } },
            { id: 'mail', type: 'send', config: { channel: 'dm', templateId: 'welcome-card' } },
          ],
          edges: [
            { id: 'a', source: 'start', target: 'wait' },
            { id: 'b', source: 'wait', target: 'mail' },
          ],
        },
      }),
    );
    // Publishing needs the templates its sends name.
    await test.db.pool.query(
      `INSERT INTO message_template (workspace_id, key, channel, name, content)
       SELECT id, 'welcome-card', 'dm', 'Welcome card', '{"channel":"dm","creativeId":"card-1","fallbacks":{}}' FROM workspace WHERE slug = 'cli-shop'`,
    );
    const published = await kizuna('journeys', 'publish', welcome, '--workspace', 'cli-shop');
    expect(published).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^journey \d+ published as version 1\n/),
    });
    const simulated = await kizuna(
      'journeys',
      'simulate',
      'CLI welcome',
      '--workspace',
      'cli-shop',
      '--sample',
      '2',
      '--start',
      '2026-12-07T01:00:00Z',
      '--json',
    );
    expect(simulated.code).toBe(0);
    const result = JSON.parse(simulated.stdout) as {
      customers: { outcome: string; messages: { channel: string; at: string; status: string }[] }[];
    };
    expect(result.customers).toHaveLength(2);
    // No DM consent was recorded for these customers: the card is suppressed, two days after the start.
    expect(result.customers[0]!.messages).toEqual([
      expect.objectContaining({ channel: 'dm', at: '2026-12-09T01:00:00.000Z', status: 'suppressed' }),
    ]);
    expect(await count(`SELECT count(*)::integer AS n FROM enrollment`)).toBe(0);
  });
});
