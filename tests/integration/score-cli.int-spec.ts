import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runKizunaCli, type CliRun } from '../support/run-cli';

// Each run compiles the CLI's sources: a few seconds.
jest.setTimeout(60_000);

const repositoryRoot = path.resolve(__dirname, '../..');
const cdnowCsv = path.join(repositoryRoot, 'libs/scoring/src/repeat-purchase/fixtures/cdnow-sample.csv');

/** `npx kizuna score bgnbd` as a user runs it; it reads a file and needs no database. */
function kizuna(...args: string[]): Promise<CliRun> {
  return runKizunaCli(args, { timeoutMs: 45_000 });
}

const significant = (value: number, digits = 3) => Number(value.toPrecision(digits));

describe('kizuna score bgnbd', () => {
  let dir: string;
  const file = (name: string, content: string) => {
    const filePath = path.join(dir, name);
    writeFileSync(filePath, content);
    return filePath;
  };
  const bgnbd = (transactions: string, ...more: string[]) =>
    kizuna('score', 'bgnbd', '--transactions', transactions, '--calibration-end', '1997-09-30', ...more);

  beforeAll(() => (dir = mkdtempSync(path.join(tmpdir(), 'kizuna-score-cli-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('fits the CDNOW sample to the published BG/NBD and Gamma-Gamma estimates', async () => {
    const run = await bgnbd(cdnowCsv, '--unit', 'week', '--json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(Object.keys(result)).toEqual(['r', 'alpha', 'a', 'b', 'll', 'customers', 'gammaGamma']);
    expect([
      significant(result.r),
      significant(result.alpha, 4),
      significant(result.a),
      significant(result.b, 4),
    ]).toEqual([0.243, 4.414, 0.793, 2.426]);
    expect(result.ll.toFixed(1)).toBe('-9582.4');
    expect(result.customers).toBe(2357);
    const { p, q, gamma, customers } = result.gammaGamma;
    expect([significant(p), significant(q), significant(gamma, 4), customers]).toEqual([6.25, 3.74, 15.44, 946]);
  });

  it("adds each customer's P(alive) and expected purchases with --predict", async () => {
    const run = await bgnbd(cdnowCsv, '--unit', 'week', '--json', '--predict', '39');
    expect(run.code).toBe(0);
    const { predictions, horizon, unit } = JSON.parse(run.stdout);
    expect([horizon, unit, predictions.length]).toEqual([39, 'week', 2357]);
    const customer1 = predictions.find((p: { customerId: string }) => p.customerId === '1');
    // The paper's worked example: x = 2, t_x = 30.43, T = 38.86, E[Y(39)] = 1.226.
    expect(customer1.frequency).toBe(2);
    expect(customer1.recency.toFixed(2)).toBe('30.43');
    expect(customer1.age.toFixed(2)).toBe('38.86');
    expect(customer1.expectedPurchases.toFixed(3)).toBe('1.226');
    expect(customer1.probabilityAlive.toFixed(3)).toBe('0.727');
    expect(customer1.expectedOrderValue.toFixed(2)).toBe('24.65');
  });

  it('fits BG/NBD alone on a file without amounts, in days, and prints a table without --json', async () => {
    const lines = readFileSync(cdnowCsv, 'utf8').trim().split('\n');
    const withoutAmounts = file(
      'no-amounts.csv',
      ['date,customer_id', ...lines.slice(1).map((l) => l.split(',').slice(0, 2).reverse().join(','))].join('\n'),
    );
    const run = await bgnbd(withoutAmounts, '--unit', 'day', '--json');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.gammaGamma).toBeUndefined();
    expect(significant(result.alpha / 7, 4)).toBe(4.414);
    const table = await bgnbd(withoutAmounts, '--unit', 'day', '--predict', '273');
    expect(table.stdout).toContain('BG/NBD on 2357 customers');
    expect(table.stdout).toMatch(/^1\t2\t213\.00\t272\.00\t0\.7266\t1\.2260$/m);
  });

  it('keeps the BG/NBD fit and says why when spend cannot be modelled', async () => {
    const lines = readFileSync(cdnowCsv, 'utf8').trim().split('\n');
    // Every purchase worth 10: no variation in spend between customers.
    const sameSpend = file(
      'same-spend.csv',
      [lines[0], ...lines.slice(1).map((l) => l.replace(/,[^,]*$/, ',10'))].join('\n'),
    );
    const run = await bgnbd(sameSpend, '--unit', 'week', '--json');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(significant(result.r)).toBe(0.243);
    expect(result.gammaGamma).toBeNull();
    expect(result.gammaGammaNotFitted).toMatch(/does spend vary between customers\?/);
  });

  it('names the line and column of bad input, with a non-zero exit code', async () => {
    const cases: [string, string, RegExp][] = [
      ['missing.csv', 'customer_id,day\n1,1997-01-01\n', /missing\.csv line 1, column date: missing column/],
      [
        'date.csv',
        'customer_id,date\n1,1997-01-01\n1,1997-02-30\n',
        /date\.csv line 3, column date: "1997-02-30" is not a date \(YYYY-MM-DD\)/,
      ],
      [
        'amount.csv',
        'customer_id,date,amount\n1,1997-01-01,12.5\n2,1997-01-02,abc\n',
        /amount\.csv line 3, column amount: "abc" is not an amount/,
      ],
      ['id.csv', 'customer_id,date\n,1997-01-01\n', /id\.csv line 2, column customer_id: is empty/],
      [
        'late.csv',
        'customer_id,date\n1,1998-01-05\n2,1997-12-01\n',
        /--calibration-end 1997-09-30 is before the first transaction \(.*late\.csv line 3, column date: 1997-12-01\)/,
      ],
    ];
    for (const [name, content, message] of cases) {
      const run = await bgnbd(file(name, content), '--unit', 'week');
      expect([run.code, run.stdout]).toEqual([1, '']);
      expect(run.stderr).toMatch(message);
    }
  });

  it('refuses unknown units, horizons and calibration dates', async () => {
    expect((await bgnbd(cdnowCsv, '--unit', 'month')).stderr).toMatch(/--unit: .*"day"|--unit: .*day.*week/);
    expect((await bgnbd(cdnowCsv, '--unit', 'week', '--predict', '-3')).stderr).toMatch(
      /--predict: must be a number of time units > 0/,
    );
    const badEnd = await kizuna(
      'score',
      'bgnbd',
      '--transactions',
      cdnowCsv,
      '--calibration-end',
      '1997-09-31',
      '--unit',
      'week',
    );
    expect([badEnd.code, badEnd.stderr]).toEqual([1, 'kizuna: --calibration-end: must be a date YYYY-MM-DD\n']);
  });
});
