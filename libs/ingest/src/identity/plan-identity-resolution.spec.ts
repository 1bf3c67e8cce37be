import { identityKey, type IdentityClaim } from './identity-claim';
import { planIdentityResolution } from './plan-identity-resolution';

const email = (value: string): IdentityClaim => ({ kind: 'email', source: '', value });
const phone = (value: string): IdentityClaim => ({ kind: 'phone', source: '', value });
const member = (value: string): IdentityClaim => ({ kind: 'member', source: '', value });

const owners = (entries: [IdentityClaim, number][]) => new Map(entries.map(([claim, id]) => [identityKey(claim), id]));

describe('planIdentityResolution', () => {
  it('creates one new customer for records that share an identity', () => {
    const plan = planIdentityResolution(
      [[email('a@x.jp')], [email('a@x.jp'), phone('+8190')], [email('b@x.jp')]],
      new Map(),
    );
    expect(plan.groupOfRecord).toEqual([0, 0, 1]);
    expect(plan.groups[0]).toEqual({
      records: [0, 1],
      claims: [email('a@x.jp'), phone('+8190')],
      existingCustomerIds: [],
      survivorId: undefined,
      mergedIds: [],
    });
  });

  it('attaches a record to the stored customer that owns one of its identities', () => {
    const plan = planIdentityResolution([[phone('+8190'), member('2001')]], owners([[phone('+8190'), 7]]));
    expect(plan.groups[0]).toMatchObject({ existingCustomerIds: [7], survivorId: 7, mergedIds: [] });
  });

  it('merges stored customers a record links: the oldest survives (A~B by email, B~C by phone)', () => {
    // Stored: customer 12 has the email, customer 5 has the phone. The record claims both.
    const plan = planIdentityResolution(
      [[email('a@x.jp'), phone('+8190')]],
      owners([
        [email('a@x.jp'), 12],
        [phone('+8190'), 5],
      ]),
    );
    expect(plan.groups[0]).toMatchObject({ existingCustomerIds: [5, 12], survivorId: 5, mergedIds: [12] });
  });

  it('links records through a stored customer even when the records share nothing', () => {
    // Stored customer 3 owns both the email and the member number; each record claims one of them.
    const plan = planIdentityResolution(
      [[email('a@x.jp')], [member('2001'), phone('+8190')]],
      owners([
        [email('a@x.jp'), 3],
        [member('2001'), 3],
      ]),
    );
    expect(plan.groupOfRecord).toEqual([0, 0]);
    expect(plan.groups[0]).toMatchObject({ existingCustomerIds: [3], survivorId: 3 });
  });
});
