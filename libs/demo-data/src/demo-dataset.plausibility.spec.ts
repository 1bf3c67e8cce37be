import { PRODUCTS, SERIES } from './catalogue';
import { identityKeys, IdentityGraph } from './testing/identity-graph';
import { materialise, tableOf } from './testing/materialised-dataset';

/**
 * Does the data look like a Japanese D2C cosmetics brand? Measured from the rows alone, as an analyst
 * would after importing them, on 2,000 customers with the default seed.
 */
describe('demo dataset plausibility', () => {
  const CUSTOMERS = 2000;
  const tables = materialise({ customers: CUSTOMERS, asOf: '2026-11-22' });
  const customerTables = tables.filter((table) => table.kind === 'customers');
  const graph = new IdentityGraph();
  for (const table of customerTables)
    for (const row of table.rows) graph.link(identityKeys(table.source, table.header, row));
  const customerOf = (source: string, header: readonly string[], row: readonly string[]): string =>
    graph.customerOf(identityKeys(source, header, row)[0] ?? '') ?? 'unknown';
  const seriesOfSku = new Map(PRODUCTS.map((product) => [product.sku, product]));

  interface Order {
    orderedAt: string;
    series: number[];
    trial: boolean;
  }
  const ordersByCustomer = new Map<string, Map<string, Order>>();
  for (const source of ['ec', 'pos']) {
    const orders = tableOf(tables, 'orders', source);
    for (const row of orders.rows) {
      const customer = customerOf(source, orders.header, row);
      const byId = ordersByCustomer.get(customer) ?? new Map<string, Order>();
      ordersByCustomer.set(customer, byId);
      const orderId = `${source}:${orders.cell(row, 'order_id')}`;
      const order = byId.get(orderId) ?? { orderedAt: orders.cell(row, 'ordered_at'), series: [], trial: false };
      const product = seriesOfSku.get(orders.cell(row, 'sku'));
      if (product) order.series.push(product.seriesIndex);
      order.trial ||= product?.isTrial === true;
      byId.set(orderId, order);
    }
  }
  const daysBetween = (from: string, to: string): number =>
    (Date.parse(to.slice(0, 10)) - Date.parse(from.slice(0, 10))) / 86_400_000;
  const histories = [...ordersByCustomer.values()].map((byId) =>
    [...byId.values()].sort((a, b) => a.orderedAt.localeCompare(b.orderedAt)),
  );

  it('merges the customer records into one customer per person, a fifth of them across systems', () => {
    const sourcesByCustomer = new Map<string, Set<string>>();
    for (const table of customerTables) {
      for (const row of table.rows) {
        const customer = customerOf(table.source, table.header, row);
        sourcesByCustomer.set(customer, (sourcesByCustomer.get(customer) ?? new Set()).add(table.source));
      }
    }
    expect(sourcesByCustomer.size).toBe(CUSTOMERS);
    const overlapping = [...sourcesByCustomer.values()].filter((sources) => sources.size >= 2).length;
    expect(overlapping / CUSTOMERS).toBeGreaterThan(0.15);
    expect(overlapping / CUSTOMERS).toBeLessThan(0.3);
    expect([...sourcesByCustomer.values()].filter((sources) => sources.size === 3).length).toBeGreaterThan(50);
  });

  it('links some EC and LINE records only through a chain via the store record', () => {
    const keysOf = (source: string): Map<string, string[]> => {
      const table = tableOf(tables, 'customers', source);
      return new Map(
        table.rows.map((row) => [customerOf(source, table.header, row), identityKeys(source, table.header, row)]),
      );
    };
    const ec = keysOf('ec');
    const line = keysOf('line');
    const chained = [...ec].filter(([customer, ecKeys]) => {
      const lineKeys = line.get(customer);
      return lineKeys !== undefined && !lineKeys.some((key) => ecKeys.includes(key));
    });
    expect(chained.length).toBeGreaterThan(10);
  });

  it('has about ten order lines per customer', () => {
    const lines = tableOf(tables, 'orders', 'ec').rows.length + tableOf(tables, 'orders', 'pos').rows.length;
    expect(lines / CUSTOMERS).toBeGreaterThan(7.5);
    expect(lines / CUSTOMERS).toBeLessThan(12.5);
  });

  it('has most buyers buying once or twice and a loyal minority buying many times', () => {
    const counts = histories.map((history) => history.length);
    const onceOrTwice = counts.filter((count) => count <= 2).length / counts.length;
    expect(onceOrTwice).toBeGreaterThan(0.5);
    expect(onceOrTwice).toBeLessThan(0.7);
    expect(counts.filter((count) => count >= 10).length / counts.length).toBeGreaterThan(0.1);
  });

  it('has regular buyers repurchase every one to two months', () => {
    const gaps = histories
      .filter((history) => history.length >= 6)
      .flatMap((history) =>
        history.slice(1).map((order, k) => daysBetween(history[k]?.orderedAt ?? '', order.orderedAt)),
      )
      .sort((a, b) => a - b);
    const median = gaps[Math.floor(gaps.length / 2)] ?? 0;
    expect(median).toBeGreaterThan(25);
    expect(median).toBeLessThan(60);
  });

  it('starts about 40% of customers with a trial set', () => {
    const trialFirst = histories.filter((history) => history[0]?.trial).length / histories.length;
    expect(trialFirst).toBeGreaterThan(0.3);
    expect(trialFirst).toBeLessThan(0.5);
  });

  it('has at least four series, cross-series buyers, and moisture buyers moving on to anti-ageing most', () => {
    expect(SERIES.length).toBeGreaterThanOrEqual(4);
    const crossSeries = histories.filter(
      (history) => new Set(history.flatMap((order) => order.series)).size >= 2,
    ).length;
    expect(crossSeries / histories.length).toBeGreaterThan(0.15);
    const movedTo = new Map<number, number>();
    for (const history of histories) {
      const home = history[0]?.series[0];
      if (home !== 0) continue; // うるおいライン
      const next = history.flatMap((order) => order.series).find((series) => series !== home);
      if (next !== undefined) movedTo.set(next, (movedTo.get(next) ?? 0) + 1);
    }
    const ranking = [...movedTo].sort((a, b) => b[1] - a[1]).map(([series]) => SERIES[series]?.code);
    expect(ranking[0]).toBe('AG');
  });

  it('returns 1-4% of EC orders', () => {
    const orders = new Set(tableOf(tables, 'orders', 'ec').rows.map((row) => row[0])).size;
    const share = tableOf(tables, 'returns', 'ec').rows.length / orders;
    expect(share).toBeGreaterThan(0.01);
    expect(share).toBeLessThan(0.04);
  });

  it('sells in store during opening hours and online around the clock with an evening peak', () => {
    const hourOf = (dateTime: string): number => Number(dateTime.slice(11, 13));
    const store = tableOf(tables, 'orders', 'pos');
    const storeHours = store.rows.map((row) => hourOf(store.cell(row, 'ordered_at')));
    expect(Math.min(...storeHours)).toBeGreaterThanOrEqual(10);
    expect(Math.max(...storeHours)).toBeLessThanOrEqual(20);
    const ec = tableOf(tables, 'orders', 'ec');
    const ecHours = ec.rows.map((row) => hourOf(ec.cell(row, 'ordered_at')));
    const at = (hour: number): number => ecHours.filter((value) => value === hour).length;
    expect(at(21)).toBeGreaterThan(5 * at(4));
    expect(at(8)).toBeGreaterThan(2 * at(4));
  });

  it('grows: more customers join in the second year than in the first', () => {
    const ec = tableOf(tables, 'customers', 'ec');
    const joined = ec.rows.map((row) => ec.cell(row, 'registered_at'));
    const firstYear = joined.filter((value) => value < '2025-11-23').length;
    expect(joined.length - firstYear).toBeGreaterThan(1.2 * firstYear);
  });

  it('writes some identities messily, for normalisation to clean up', () => {
    const cells = (source: string, column: string): string[] => {
      const table = tableOf(tables, 'customers', source);
      return table.rows.map((row) => table.cell(row, column)).filter(Boolean);
    };
    const phones = [...cells('ec', 'phone'), ...cells('pos', 'phone')];
    expect(phones.filter((phone) => /[０-９]/.test(phone)).length).toBeGreaterThan(0);
    expect(phones.filter((phone) => phone.startsWith('+81')).length).toBeGreaterThan(0);
    expect(phones.filter((phone) => /^0\d0-\d{4}-\d{4}$/.test(phone)).length / phones.length).toBeGreaterThan(0.5);
    const emails = cells('ec', 'email');
    expect(emails.filter((email) => email !== email.trim().toLowerCase()).length).toBeGreaterThan(0);
    expect(cells('pos', 'member_no').filter((memberNo) => /[０-９]/.test(memberNo)).length).toBeGreaterThan(0);
  });

  it('records consents on all four channels, some revoked, and one to three events per customer', () => {
    const consents = tables
      .filter((table) => table.kind === 'consents')
      .flatMap((table) => table.rows.map((row) => `${table.cell(row, 'channel')}/${table.cell(row, 'status')}`));
    expect(new Set(consents)).toEqual(
      new Set([
        'email/granted',
        'email/revoked',
        'line/granted',
        'line/revoked',
        'sms/granted',
        'sms/revoked',
        'dm/granted',
        'dm/revoked',
      ]),
    );
    const events = tables.filter((table) => table.kind === 'events').reduce((sum, table) => sum + table.rows.length, 0);
    expect(events / CUSTOMERS).toBeGreaterThan(1);
    expect(events / CUSTOMERS).toBeLessThan(3);
  });
});
