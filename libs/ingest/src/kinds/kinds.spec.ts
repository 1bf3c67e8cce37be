import { compileHeader, HeaderMismatchError } from '../rows/header';
import { RowReader, type ParseContext } from '../rows/row-reader';
import { importKindDefinitions, type ImportRecordByKind } from './index';

const context: ParseContext = { timeZone: 'Asia/Tokyo', defaultCountry: 'JP' };

function parse<K extends keyof ImportRecordByKind>(kind: K, header: string[], cells: string[]) {
  const definition = importKindDefinitions[kind];
  const reader = new RowReader(compileHeader(kind, header, definition), cells, context);
  return { record: definition.parseRow(reader), issues: reader.issues };
}

describe('header checks', () => {
  it('names every missing and unknown column at once', () => {
    const check = () =>
      compileHeader('orders', ['order_id', 'Ordered At', 'sku', 'qty', 'price'], importKindDefinitions.orders);
    expect(check).toThrow(HeaderMismatchError);
    try {
      check();
    } catch (error) {
      const mismatch = error as HeaderMismatchError;
      expect(mismatch.missing).toEqual([
        'quantity',
        'unit_price',
        'one of customer_id/email/phone/line_user_id/member_no (customer reference)',
      ]);
      expect(mismatch.unknown).toEqual(['qty', 'price']);
      expect(mismatch.message).toMatch(/^The orders file has the wrong columns: missing columns: quantity, unit_price/);
    }
  });

  it('accepts any order, any case and full-width names, and open-ended prefixes', () => {
    const header = compileHeader(
      'customers',
      ['ＥＭＡＩＬ', 'Family_Name', 'attr_rank'],
      importKindDefinitions.customers,
    );
    expect(header.names).toEqual(['email', 'family_name', 'attr_rank']);
  });
});

describe('row parsing', () => {
  it('reads an order line with normalised identifiers and defaults', () => {
    const { record, issues } = parse(
      'orders',
      ['order_id', 'customer_id', 'ordered_at', 'store_id', 'sku', 'quantity', 'unit_price'],
      ['Ｏ－１', 'P001', '2026/01/05 10:00', 'S01', 'ur-lt-150', '2', '¥1,650'],
    );
    expect(issues).toEqual([]);
    expect(record).toEqual({
      orderId: 'O-1',
      reference: { externalId: 'P001' },
      orderedAt: new Date('2026-01-05T01:00:00.000Z'),
      channel: 'store',
      storeId: 'S01',
      sku: 'ur-lt-150',
      quantity: 2,
      unitPrice: 1650,
      amount: 3300,
    });
  });

  it('reports every bad cell of a row with its column', () => {
    const { record, issues } = parse(
      'orders',
      ['order_id', 'email', 'ordered_at', 'sku', 'quantity', 'unit_price', 'channel'],
      ['', 'not-an-email', '2026-02-30', 'X', '0', '10', 'fax'],
    );
    expect(record).toBeUndefined();
    expect(issues).toEqual([
      { column: 'order_id', reason: 'is required' },
      { column: 'email', reason: '"not-an-email" is not an email address' },
      { column: 'ordered_at', reason: '"2026-02-30" is not a calendar date' },
      { column: 'channel', reason: '"fax" is not one of: store, ec' },
      { column: 'quantity', reason: '"0" is less than 1' },
    ]);
  });

  it('requires a customer reference on a row that has none', () => {
    const { issues } = parse(
      'consents',
      ['email', 'phone', 'channel', 'status', 'recorded_at'],
      ['', '', 'email', '許諾', '2026-01-01'],
    );
    expect(issues).toEqual([
      {
        column: 'customer_id',
        reason: 'a customer reference is required: one of customer_id, email, phone, line_user_id, member_no',
      },
    ]);
  });

  it('keeps names and addresses exactly as written, and custom attributes', () => {
    const { record } = parse(
      'customers',
      ['member_no', 'family_name', 'given_name_kana', 'address_line2', 'gender', 'attr_skin_type'],
      ['２０００１', 'ｻﾄｳ', 'ハナコ', 'ＡＢＣマンション１０１', '女性', '乾燥肌'],
    );
    expect(record).toEqual({
      reference: { memberNo: '20001' },
      profile: { familyName: 'ｻﾄｳ', givenNameKana: 'ハナコ', addressLine2: 'ＡＢＣマンション１０１', gender: 'female' },
      attributes: { skin_type: '乾燥肌' },
    });
  });

  it('derives the same event id for the same row, so re-imports do not duplicate', () => {
    const header = ['name', 'email', 'occurred_at', 'prop_sku'];
    const first = parse('events', header, ['sample_request', 'a@example.com', '2026-01-01 10:00', 'UR-TR']);
    const again = parse('events', header, ['sample_request', 'A@example.com ', '2026/1/1 10:00', 'UR-TR']);
    expect(first.record?.eventId).toMatch(/^derived:/);
    expect(again.record?.eventId).toBe(first.record?.eventId);
    expect(first.record?.properties).toEqual({ sku: 'UR-TR' });
  });

  it('rejects a delivery before its shipment', () => {
    const { issues } = parse(
      'shipments',
      ['shipment_id', 'order_id', 'shipped_at', 'delivered_at'],
      ['S1', 'O1', '2026-01-05', '2026-01-04'],
    );
    expect(issues).toEqual([{ column: 'delivered_at', reason: 'is before shipped_at' }]);
  });
});
