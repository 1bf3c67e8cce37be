import { createDemoContext } from './demo-context';
import type { DemoOptions, DemoTable } from './demo-table';
import { consentsTable } from './tables/consents.table';
import { ecCustomersTable, lineCustomersTable, posCustomersTable } from './tables/customers.table';
import { ecEventsTable, lineEventsTable } from './tables/events.table';
import { ecOrdersTable, posOrdersTable } from './tables/orders.table';
import { productsTable } from './tables/products.table';
import { returnsTable } from './tables/returns.table';
import { shipmentsTable } from './tables/shipments.table';

/**
 * A simulated Japanese D2C cosmetics brand with an EC site, 22 store counters and a LINE account,
 * over `years` years ending at asOf (Asia/Tokyo):
 * - five product lines with a trial set each (products, source 'master');
 * - people in one to three systems (EC members, store members, LINE friends), about a fifth in
 *   more than one, linked by a shared phone, email, card number or LINE id, sometimes in a chain;
 * - acquisition growing over time, ~40% starting with a trial set, most buying once or twice and a
 *   loyal minority replenishing every 30-60 days, about ten order lines per person;
 * - parcels for EC orders, 2-3% returned, consent histories per channel, LINE and EC site events.
 * Customer i is a pure function of (options, i), so each table walks the customers independently
 * in constant memory and the same options always give byte-identical rows.
 *
 * The demo brand's data as import files, in the order they must be imported: products first (orders
 * reference SKUs), customers per source (so the merges happen on customer records), then orders,
 * shipments and returns (which reference orders of the same source), consents and events.
 */
export function demoDataset(options: DemoOptions): DemoTable[] {
  const context = createDemoContext(options);
  return [
    productsTable(),
    ecCustomersTable(context),
    posCustomersTable(context),
    lineCustomersTable(context),
    ecOrdersTable(context),
    posOrdersTable(context),
    shipmentsTable(context),
    returnsTable(context),
    consentsTable(context, 'ec'),
    consentsTable(context, 'pos'),
    consentsTable(context, 'line'),
    lineEventsTable(context),
    ecEventsTable(context),
  ];
}
