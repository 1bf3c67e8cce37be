import { ValidationFailedError } from '@kizuna/shared';
import { demoDataset } from './demo-dataset';
import type { DemoOptions } from './demo-table';
import { identityKeys, IdentityGraph } from './testing/identity-graph';
import { headerProblems, rowProblems } from './testing/import-rules';
import { materialise, tableOf, type MaterialisedTable } from './testing/materialised-dataset';

const OPTIONS: DemoOptions = { seed: 7, customers: 2000, asOf: '2026-11-22' };
const DATE_TIME_COLUMNS = [
  'registered_at',
  'ordered_at',
  'shipped_at',
  'delivered_at',
  'returned_at',
  'occurred_at',
  'recorded_at',
];

function firstRows(options: DemoOptions, perTable: number): string[][][] {
  return demoDataset(options).map((table) => {
    const rows: string[][] = [];
    for (const row of table.rows()) {
      if (rows.length === perTable) break;
      rows.push(row);
    }
    return rows;
  });
}

describe('demoDataset', () => {
  const tables = materialise(OPTIONS);

  it('lists the tables in import order', () => {
    expect(tables.map((table) => `${table.kind}/${table.source}`)).toEqual([
      'products/master',
      'customers/ec',
      'customers/pos',
      'customers/line',
      'orders/ec',
      'orders/pos',
      'shipments/ec',
      'returns/ec',
      'consents/ec',
      'consents/pos',
      'consents/line',
      'events/line',
      'events/ec',
    ]);
  });

  it('is deterministic: the same options give identical rows, again and again', () => {
    // Compared as text: byte-identical output is the promise, and one string compares fast.
    const text = (rows: Iterable<string[]>): string => Array.from(rows, (row) => row.join('\t')).join('\n');
    expect(materialise(OPTIONS).map((table) => text(table.rows))).toEqual(tables.map((table) => text(table.rows)));
    const table = demoDataset(OPTIONS)[4];
    expect(text(table?.rows() ?? [])).toBe(text(table?.rows() ?? []));
  });

  it('gives different rows for a different seed', () => {
    const other = firstRows({ ...OPTIONS, seed: 8 }, 50);
    const same = firstRows(OPTIONS, 50);
    for (const position of [1, 2, 3, 4, 5, 12]) expect(other[position]).not.toEqual(same[position]);
  });

  it('does not depend on the process timezone', () => {
    const original = process.env.TZ;
    try {
      process.env.TZ = 'Pacific/Honolulu';
      const honolulu = firstRows(OPTIONS, 200);
      process.env.TZ = 'UTC';
      expect(firstRows(OPTIONS, 200)).toEqual(honolulu);
    } finally {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    }
  });

  it('writes only documented headers, each row aligned with its header and valid', () => {
    for (const table of tables) {
      expect({ table: `${table.kind}/${table.source}`, problems: headerProblems(table.kind, table.header) }).toEqual({
        table: `${table.kind}/${table.source}`,
        problems: [],
      });
      const problems = table.rows.flatMap((row, line) =>
        rowProblems(table.kind, table.header, row).map(
          (problem) => `${table.kind}/${table.source} line ${line + 2}: ${problem}`,
        ),
      );
      expect(problems.slice(0, 5)).toEqual([]);
      expect(table.rows.length).toBeGreaterThan(0);
    }
  });

  it('dates nothing after asOf and nothing before the history window', () => {
    for (const table of tables) {
      for (const column of DATE_TIME_COLUMNS.filter((name) => table.header.includes(name))) {
        const values = table.rows.map((row) => table.cell(row, column)).filter((value) => value !== '');
        const sorted = [...values].sort();
        expect((sorted[0] ?? '') >= '2024-11-23 00:00:00').toBe(true);
        expect((sorted[sorted.length - 1] ?? '9') <= '2026-11-22 23:59:59').toBe(true);
      }
    }
    const birthDates = tableOf(tables, 'customers', 'ec')
      .rows.map((row) => row[10] ?? '')
      .filter(Boolean)
      .sort();
    expect((birthDates[birthDates.length - 1] ?? '9') <= '2006-11-22').toBe(true);
  });

  it('keeps ids unique per source', () => {
    const uniqueIn = (table: MaterialisedTable, column: string): boolean => {
      const values = table.rows.map((row) => table.cell(row, column));
      return new Set(values).size === values.length;
    };
    expect(uniqueIn(tableOf(tables, 'customers', 'ec'), 'customer_id')).toBe(true);
    expect(uniqueIn(tableOf(tables, 'customers', 'pos'), 'customer_id')).toBe(true);
    expect(uniqueIn(tableOf(tables, 'customers', 'line'), 'line_user_id')).toBe(true);
    expect(uniqueIn(tableOf(tables, 'shipments', 'ec'), 'shipment_id')).toBe(true);
    expect(uniqueIn(tableOf(tables, 'shipments', 'ec'), 'order_id')).toBe(true);
    expect(uniqueIn(tableOf(tables, 'shipments', 'ec'), 'tracking_no')).toBe(true);
    expect(uniqueIn(tableOf(tables, 'returns', 'ec'), 'return_id')).toBe(true);
    expect(uniqueIn(tableOf(tables, 'events', 'ec'), 'event_id')).toBe(true);
    expect(uniqueIn(tableOf(tables, 'events', 'line'), 'event_id')).toBe(true);
  });

  it('repeats one consistent order header on every line of an order, with distinct line numbers', () => {
    for (const source of ['ec', 'pos']) {
      const orders = tableOf(tables, 'orders', source);
      const headers = new Map<string, string>();
      const lines = new Set<string>();
      const problems: string[] = [];
      for (const row of orders.rows) {
        const orderId = orders.cell(row, 'order_id');
        const header = ['customer_id', 'member_no', 'ordered_at', 'channel', 'store_id', 'coupon_code']
          .map((column) => orders.cell(row, column))
          .join('|');
        if ((headers.get(orderId) ?? header) !== header) problems.push(`${orderId}: header changes`);
        headers.set(orderId, header);
        const line = `${orderId}#${orders.cell(row, 'line_no')}`;
        if (lines.has(line)) problems.push(`${line}: repeated`);
        lines.add(line);
      }
      expect(problems).toEqual([]);
    }
  });

  it('ships EC orders after they are placed and delivers after shipping', () => {
    const orders = tableOf(tables, 'orders', 'ec');
    const orderedAt = new Map(orders.rows.map((row) => [orders.cell(row, 'order_id'), orders.cell(row, 'ordered_at')]));
    const shipments = tableOf(tables, 'shipments', 'ec');
    const outOfOrder = shipments.rows.filter((row) => {
      const ordered = orderedAt.get(shipments.cell(row, 'order_id'));
      const shipped = shipments.cell(row, 'shipped_at');
      const delivered = shipments.cell(row, 'delivered_at');
      return ordered === undefined || ordered >= shipped || (delivered !== '' && delivered <= shipped);
    });
    expect(outOfOrder).toEqual([]);
    expect(shipments.rows.filter((row) => shipments.cell(row, 'delivered_at') === '').length).toBeGreaterThan(0);
    // Every EC order ships unless it was placed in the last two days.
    const shipped = new Set(shipments.rows.map((row) => shipments.cell(row, 'order_id')));
    const unshipped = [...orderedAt].filter(([orderId]) => !shipped.has(orderId));
    expect(unshipped.every(([, ordered]) => ordered >= '2026-11-20')).toBe(true);
  });

  it('returns delivered EC orders within 14 days, refunding at most the order total', () => {
    const orders = tableOf(tables, 'orders', 'ec');
    const totals = new Map<string, number>();
    for (const row of orders.rows) {
      const orderId = orders.cell(row, 'order_id');
      totals.set(orderId, (totals.get(orderId) ?? 0) + Number(orders.cell(row, 'amount')));
    }
    const shipments = tableOf(tables, 'shipments', 'ec');
    const deliveredAt = new Map(
      shipments.rows.map((row) => [shipments.cell(row, 'order_id'), shipments.cell(row, 'delivered_at')]),
    );
    const returns = tableOf(tables, 'returns', 'ec');
    for (const row of returns.rows) {
      const orderId = returns.cell(row, 'order_id');
      const delivered = deliveredAt.get(orderId) ?? '';
      const returned = returns.cell(row, 'returned_at');
      expect(delivered !== '' && returned > delivered).toBe(true);
      const days = (Date.parse(returned.slice(0, 10)) - Date.parse(delivered.slice(0, 10))) / 86_400_000;
      expect(days).toBeLessThanOrEqual(14);
      expect(Number(returns.cell(row, 'amount'))).toBeLessThanOrEqual(totals.get(orderId) ?? -1);
    }
  });

  it('names only customers that the customer files created, and never two consents at one instant', () => {
    const graph = new IdentityGraph();
    for (const table of tables.filter((candidate) => candidate.kind === 'customers')) {
      for (const row of table.rows) graph.link(identityKeys(table.source, table.header, row));
    }
    const seen = new Set<string>();
    const problems: string[] = [];
    for (const table of tables.filter((candidate) => ['orders', 'events', 'consents'].includes(candidate.kind))) {
      for (const row of table.rows) {
        const customers = [
          ...new Set(identityKeys(table.source, table.header, row).map((key) => graph.customerOf(key))),
        ];
        const customer = customers[0];
        if (customers.length !== 1 || customer === undefined) {
          problems.push(`${table.kind}/${table.source} ${row.join(',')}`);
          continue;
        }
        if (table.kind !== 'consents') continue;
        const key = `${customer}|${table.cell(row, 'channel')}|${table.cell(row, 'recorded_at')}`;
        if (seen.has(key)) problems.push(`duplicate consent ${key}`);
        seen.add(key);
      }
    }
    expect(problems).toEqual([]);
  });

  it('rejects invalid options naming the field', () => {
    const issuesOf = (options: DemoOptions): unknown => {
      try {
        demoDataset(options);
        return undefined;
      } catch (error) {
        return error instanceof ValidationFailedError ? error.issues.map((issue) => issue.field) : error;
      }
    };
    expect(issuesOf({ asOf: '2026-02-30' })).toEqual(['asOf']);
    expect(issuesOf({ asOf: '2026/11/22' })).toEqual(['asOf']);
    expect(issuesOf({ asOf: '2026-11-22', customers: -1, years: 0, seed: 1.5 })).toEqual([
      'seed',
      'customers',
      'years',
    ]);
  });

  it('spans `years` years: a one-year history starts the day after the same date a year earlier', () => {
    const [, , , , ecOrders] = demoDataset({ customers: 300, asOf: '2024-02-29', years: 1 });
    const dates = Array.from(ecOrders?.rows() ?? [], (row) => row[2] ?? '').sort();
    expect((dates[0] ?? '') >= '2023-03-01').toBe(true);
    expect((dates[dates.length - 1] ?? '9') <= '2024-02-29 23:59:59').toBe(true);
  });
});
