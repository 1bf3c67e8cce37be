import type { IdentityClaim } from '@kizuna/ingest';
import { identityLockKey, identityLockKeys } from './identity-lock-key';

const email: IdentityClaim = { kind: 'email', source: '', value: 'hanako@example.jp' };
const member: IdentityClaim = { kind: 'member', source: '', value: '2001' };
const ecId: IdentityClaim = { kind: 'external', source: 'ec', value: 'EC1' };

describe('identityLockKey', () => {
  it('is the same key in every engine version (pinned: a deploy runs two versions side by side)', () => {
    expect(identityLockKey(1, email)).toBe(1687481913621816959n);
    expect(identityLockKey(1, member)).toBe(6186363091947330796n);
    expect(identityLockKey(1, { kind: 'email', source: '', value: 'taro@example.jp' })).toBe(-8727442529927433189n);
  });

  it('tells workspaces, kinds and sources apart', () => {
    expect(identityLockKey(2, email)).toBe(7501596011345281122n);
    expect(identityLockKey(1, { kind: 'phone', source: '', value: '2001' })).toBe(-2785507870471525476n);
    expect(identityLockKey(1, { kind: 'external', source: 'pos', value: 'EC1' })).not.toBe(identityLockKey(1, ecId));
  });
});

describe('identityLockKeys', () => {
  it('returns each key once, ascending as PostgreSQL orders bigints (negative first)', () => {
    const taro: IdentityClaim = { kind: 'email', source: '', value: 'taro@example.jp' };
    expect(identityLockKeys(1, [ecId, email, taro, member, email])).toEqual([
      -8727442529927433189n,
      1687481913621816959n,
      6186363091947330796n,
      7757395518163364261n,
    ]);
  });
});
