import { clusterByIdentity } from './cluster-by-identity';
import { claimsOf, type IdentityClaim } from './identity-claim';

const email = (value: string): IdentityClaim => ({ kind: 'email', source: '', value });
const phone = (value: string): IdentityClaim => ({ kind: 'phone', source: '', value });
const external = (source: string, value: string): IdentityClaim => ({ kind: 'external', source, value });

describe('clusterByIdentity', () => {
  it('joins records sharing an identity, and chains of them (A~B by email, B~C by phone)', () => {
    const groups = clusterByIdentity([
      [email('a@example.com')], // A
      [email('a@example.com'), phone('+819011112222')], // B
      [phone('+819011112222')], // C
      [email('d@example.com')], // D, alone
    ]);
    expect(groups).toEqual([0, 0, 0, 3]);
  });

  it('joins a chain whose link arrives last', () => {
    const groups = clusterByIdentity([
      [email('a@example.com')],
      [phone('+819011112222')],
      [email('a@example.com'), phone('+819011112222')],
    ]);
    expect(groups).toEqual([0, 0, 0]);
  });

  it('keeps external ids of different source systems apart', () => {
    expect(clusterByIdentity([[external('ec', '100')], [external('pos', '100')]])).toEqual([0, 1]);
  });

  it('derives claims from a customer reference', () => {
    expect(claimsOf({ externalId: 'EC1', email: 'a@example.com', memberNo: '2000' }, 'ec')).toEqual([
      { kind: 'external', source: 'ec', value: 'EC1' },
      { kind: 'email', source: '', value: 'a@example.com' },
      { kind: 'member', source: '', value: '2000' },
    ]);
  });
});
