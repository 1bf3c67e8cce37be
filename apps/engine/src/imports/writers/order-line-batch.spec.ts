import type { OrderLineRow } from '@kizuna/ingest';
import { LineCounters, OrderLineBatch } from './order-line-batch';

function row(orderId: string, lineNo?: number): OrderLineRow {
  const record: OrderLineRow = {
    orderId,
    reference: { externalId: 'C-1' },
    orderedAt: new Date('2026-01-01T00:00:00Z'),
    channel: 'ec',
    sku: 'SKU-1',
    quantity: 1,
    unitPrice: 100,
    amount: 100,
  };
  if (lineNo !== undefined) record.lineNo = lineNo;
  return record;
}

/** Line numbers the batches gave, per order, in file order. */
function numbering(batches: (string | [string, number])[][]): string[] {
  const counters = new LineCounters();
  const numbered: string[] = [];
  let line = 2;
  for (const rows of batches) {
    const batch = new OrderLineBatch(counters);
    for (const entry of rows) {
      const [orderId, lineNo] = typeof entry === 'string' ? [entry, undefined] : entry;
      batch.add(line++, row(orderId, lineNo));
    }
    batch.seal();
    for (let i = 0; i < batch.size; i++) numbered.push(`${batch.orders[batch.order[i]!]!.orderId}:${batch.lineNo[i]}`);
  }
  return numbered;
}

describe('OrderLineBatch line numbers', () => {
  it('numbers rows without line_no by their position in the order, across batches', () => {
    expect(
      numbering([
        ['A', 'A', 'B'],
        ['B', 'A'],
      ]),
    ).toEqual(['A:1', 'A:2', 'B:1', 'B:2', 'A:3']);
  });

  it('keeps stated numbers, and a row without one follows the highest stated before it', () => {
    expect(
      numbering([
        [
          ['A', 1],
          ['A', 2],
          ['B', 5],
        ],
        ['B', 'A'],
      ]),
    ).toEqual(['A:1', 'A:2', 'B:5', 'B:6', 'A:3']);
  });

  it('counts stated numbers of an order once counting has begun', () => {
    expect(numbering([['X', ['A', 4], 'A'], [['A', 9]], ['A']])).toEqual(['X:1', 'A:4', 'A:5', 'A:9', 'A:10']);
  });
});
