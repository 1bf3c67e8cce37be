import type { DmTemplate } from '../templates/template-content.schema';
import { composeDmPiece, type DmAddressInput } from './dm-piece';
import { batchDayFor } from './dm-batch-day';

const template: DmTemplate = {
  channel: 'dm',
  creativeId: 'SPRING-A',
  message: '{{ customer.familyName }}様、{{ coupon.code }} をご利用ください',
  fallbacks: { 'customer.familyName': 'お客' },
};
const address: DmAddressInput = {
  postalCode: '〒１５０－０００１',
  prefecture: '東京都',
  city: '渋谷区',
  addressLine1: '神宮前1-2-3\r\n',
  addressLine2: 'メゾン青山\n101号室',
  familyName: null,
  givenName: '花子',
};

describe('a DM piece', () => {
  it('renders the message line with fallbacks and keeps the address as a one-line label', () => {
    const data = { customer: { familyName: null }, coupon: { code: 'DM-7K2Q' } };
    expect(composeDmPiece(template, data, address)).toEqual({
      ok: true,
      piece: {
        creativeId: 'SPRING-A',
        couponCode: 'DM-7K2Q',
        message: 'お客様、DM-7K2Q をご利用ください',
        address: {
          postalCode: '150-0001',
          prefecture: '東京都',
          city: '渋谷区',
          addressLine1: '神宮前1-2-3',
          addressLine2: 'メゾン青山 101号室',
          familyName: null,
          givenName: '花子',
        },
      },
    });
  });

  it('is refused without a seven-digit postal code or a first address line', () => {
    const data = { coupon: { code: null } };
    expect(composeDmPiece(template, data, { ...address, postalCode: '150-001' })).toEqual({
      ok: false,
      reason: 'invalid-postal-code: "150-001" is not a 7-digit postal code',
    });
    expect(composeDmPiece(template, data, { ...address, addressLine1: ' \n ' })).toEqual({
      ok: false,
      reason: 'no-recipient',
    });
  });
});

describe('the batch a piece joins', () => {
  it("is today's open batch, or the next day's once today's went to print", () => {
    expect(batchDayFor('2027-01-15', [])).toEqual({ create: '2027-01-15' });
    expect(batchDayFor('2027-01-15', [{ id: 4, sendDate: '2027-01-15', status: 'open' }])).toEqual({ batchId: 4 });
    expect(batchDayFor('2027-01-15', [{ id: 4, sendDate: '2027-01-15', status: 'exported' }])).toEqual({
      create: '2027-01-16',
    });
    expect(
      batchDayFor('2027-01-31', [
        { id: 4, sendDate: '2027-01-31', status: 'exported' },
        { id: 5, sendDate: '2027-02-01', status: 'exported' },
        { id: 6, sendDate: '2027-02-02', status: 'open' },
      ]),
    ).toEqual({ batchId: 6 });
  });
});
