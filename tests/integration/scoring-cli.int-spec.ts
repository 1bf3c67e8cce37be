import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runKizunaCli, type CliRun } from '../support/run-cli';
import { startTestEngine, uploadImport, waitForImport, type TestEngine } from '../support/test-engine';

// Each command compiles the engine's sources and starts its services: a few seconds.
jest.setTimeout(90_000);

/**
 * `npx kizuna score fit <model>` and `score show <customer>` as a user runs them, on the database
 * of a running engine: the fit the CLI writes is what the API then serves.
 */
describe('kizuna score fit | show', () => {
  let test: TestEngine;
  let dir: string;
  let customerId: number;

  function kizuna(...args: string[]): Promise<CliRun> {
    return runKizunaCli(args, { databaseUrl: test.db.url, dataDir: path.join(dir, 'data'), timeoutMs: 80_000 });
  }

  beforeAll(async () => {
    test = await startTestEngine({ KIZUNA_PERIODIC_TASKS: 'off' });
    dir = mkdtempSync(path.join(tmpdir(), 'kizuna-score-cli-'));
    const shop = await test.createWorkspace('score-cli');
    const day = (daysAgo: number) =>
      new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 16).replace('T', ' ');
    const orders = ['order_id,customer_id,ordered_at,sku,quantity,unit_price'];
    for (let i = 1; i <= 40; i++) {
      for (let k = 0; k <= i % 3; k++)
        orders.push(`O${i}-${k},C${i},${day(10 + i + 40 * k)},UR-LT,1,${1500 + ((i * 7919 + k * 104_729) % 23) * 250}`);
    }
    const response = await uploadImport(test, shop, { kind: 'orders', source: 'ec' }, orders.join('\n'));
    const job = await waitForImport(test, shop, ((await response.json()) as { id: number }).id);
    expect(job).toMatchObject({ status: 'succeeded' });
    const { rows } = await test.db.pool.query<{ customer_id: number }>(
      "SELECT customer_id FROM customer_identity WHERE workspace_id = $1 AND kind = 'external' AND value = 'C3'",
      [shop.id],
    );
    customerId = rows[0]!.customer_id;
  });
  afterAll(async () => {
    await test.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('fits a model and prints the fit', async () => {
    const run = await kizuna('score', 'fit', 'repeat_purchase', '--workspace', 'score-cli');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/^repeat_purchase v1: fitted on 40 rows; 40 customers scored \(\d+ ms\)\n$/);
    const json = await kizuna('score', 'fit', 'repeat_purchase', '--workspace', 'score-cli', '--json');
    expect(json.code).toBe(0);
    const fit = JSON.parse(json.stdout) as { version: number; rows: number; change: { previousVersion: number } };
    expect(fit).toMatchObject({ version: 2, rows: 40, change: { previousVersion: 1 } });
  });

  it("shows a customer's scores with their versions", async () => {
    const run = await kizuna('score', 'show', String(customerId), '--workspace', 'score-cli', '--json');
    expect(run.code).toBe(0);
    const shown = JSON.parse(run.stdout) as { customerId: number; scores: { model: string; modelVersion: string }[] };
    expect(shown.customerId).toBe(customerId);
    // This small, regular fixture fits degenerate parameters: only the scores that came out finite are
    // written, P(alive) among them (the models themselves are tested in libs/scoring and scoring-api).
    expect(shown.scores.map((s) => [s.model, s.modelVersion])).toEqual(
      expect.arrayContaining([['p_alive', 'repeat_purchase:v2']]),
    );
    const text = await kizuna('score', 'show', String(customerId), '--workspace', 'score-cli');
    expect(text.stdout).toMatch(/^p_alive\t[\d.e-]+\trepeat_purchase:v2\t\d{4}-\d\d-\d\dT/m);
  });

  it('refuses an unknown model with the list of models', async () => {
    const run = await kizuna('score', 'fit', 'churn', '--workspace', 'score-cli');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^kizuna: unknown model "churn"; models: repeat_purchase, affinity, propensity_email/);
  });
});
