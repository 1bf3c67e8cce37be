import { createHash } from 'node:crypto';
import iconv from 'iconv-lite';
import { dmManifest } from './dm-manifest';
import type { DmPiece } from './dm-piece';
import { addresseeName, dmPrintFile, formatPostalCode, type DmPrintItem } from './dm-print-file';

const piece = (overrides: Partial<DmPiece>, address: Partial<DmPiece['address']>): DmPiece => ({
  creativeId: 'SPRING-A',
  couponCode: null,
  message: null,
  ...overrides,
  address: {
    postalCode: '150-0001',
    prefecture: null,
    city: null,
    addressLine1: '1-1',
    addressLine2: null,
    familyName: null,
    givenName: null,
    ...address,
  },
});

/** Two pieces, out of print order. */
const batch: DmPrintItem[] = [
  {
    messageId: '12',
    customerId: 7,
    piece: piece(
      { couponCode: 'DM-7K2Q', message: 'いつもありがとうございます' },
      {
        prefecture: '東京都',
        city: '渋谷区',
        addressLine1: '神宮前1-2-3',
        addressLine2: 'メゾン"青山", 101',
        familyName: '山田',
        givenName: '太郎',
      },
    ),
  },
  {
    messageId: '9',
    customerId: 3,
    piece: piece(
      { creativeId: 'SPRING-B' },
      {
        postalCode: '060-0001',
        prefecture: '北海道',
        city: '札幌市中央区',
        addressLine1: '北一条西1−2',
        familyName: '髙橋',
      },
    ),
  },
];

const TEXT =
  '顧客番号,郵便番号,都道府県,市区町村,住所1,住所2,氏名,クーポンコード,クリエイティブID,メッセージ\r\n' +
  '3,〒060-0001,北海道,札幌市中央区,北一条西1−2,,髙橋　様,,SPRING-B,\r\n' +
  '7,〒150-0001,東京都,渋谷区,神宮前1-2-3,"メゾン""青山"", 101",山田　太郎　様,DM-7K2Q,SPRING-A,いつもありがとうございます\r\n';

describe('the DM print file', () => {
  it('writes the postal code with its mark and the name with 様', () => {
    expect(formatPostalCode('150-0001')).toBe('〒150-0001');
    expect(formatPostalCode('150-0001', { mark: false })).toBe('150-0001');
    expect(addresseeName('山田', '太郎')).toBe('山田　太郎　様');
    expect(addresseeName(null, '花子')).toBe('花子　様');
    expect(addresseeName(null, null)).toBe('お客様');
  });

  it('is UTF-8 with a BOM, rows in postal-code order, RFC 4180 quoting and CRLF', () => {
    const file = dmPrintFile(batch, 'utf8');
    expect(file.bytes.equals(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT, 'utf8')]))).toBe(true);
    expect(file.rowCount).toBe(2);
    expect(file.creatives).toEqual([
      { creativeId: 'SPRING-A', count: 1 },
      { creativeId: 'SPRING-B', count: 1 },
    ]);
    // Any input order gives the same bytes.
    expect(dmPrintFile([...batch].reverse(), 'utf8').bytes.equals(file.bytes)).toBe(true);
  });

  it('is Shift_JIS (CP932) that reads back as the same rows, U+2212 in its Windows form', () => {
    const file = dmPrintFile(batch, 'sjis');
    expect(file.bytes.subarray(0, 8).toString('hex')).toBe('8cda8b7194d48d86'); // 顧客番号, no BOM
    expect(iconv.decode(file.bytes, 'cp932')).toBe(TEXT.replace('1−2', '1－2'));
  });

  it('has a manifest whose checksum is the SHA-256 of the bytes', () => {
    const file = dmPrintFile(batch, 'sjis');
    const manifest = dmManifest(
      { id: 12, journeyId: 3, nodeId: 'catalogue', sendDate: '2027-01-15' },
      file,
      'sjis',
      new Date('2027-01-15T09:00:00Z'),
    );
    expect(manifest).toEqual({
      batchId: 12,
      journeyId: 3,
      nodeId: 'catalogue',
      sendDate: '2027-01-15',
      fileName: 'dm-batch-12-20270115-sjis.csv',
      encoding: 'sjis',
      columns: [
        '顧客番号',
        '郵便番号',
        '都道府県',
        '市区町村',
        '住所1',
        '住所2',
        '氏名',
        'クーポンコード',
        'クリエイティブID',
        'メッセージ',
      ],
      rowCount: 2,
      creatives: [
        { creativeId: 'SPRING-A', count: 1 },
        { creativeId: 'SPRING-B', count: 1 },
      ],
      bytes: file.bytes.length,
      sha256: createHash('sha256').update(file.bytes).digest('hex'),
      createdAt: '2027-01-15T09:00:00.000Z',
    });
  });
});
