import { auditActionKey, describeDetails } from './audit-details';

describe('describeDetails', () => {
  it('writes each field on a line, a change as before → after', () => {
    expect(
      describeDetails({
        email: 'aoi@example.jp',
        role: { from: 'analyst', to: 'marketer' },
        personalData: { from: false, to: true },
      }),
    ).toEqual(['email: aoi@example.jp', 'role: analyst → marketer', 'personalData: false → true']);
  });

  it('joins lists and nested records, and shows nothing as a dash', () => {
    expect(
      describeDetails({ fields: ['smtp.host', 'smtp.password'], counts: { sent: 3, failed: 0 }, note: null }),
    ).toEqual(['fields: smtp.host, smtp.password', 'counts: sent=3, failed=0', 'note: —']);
  });

  it('is empty for no details', () => {
    expect(describeDetails({})).toEqual([]);
  });
});

describe('auditActionKey', () => {
  it('turns the dotted action into a dictionary key', () => {
    expect(auditActionKey('channel.settings.update')).toBe('channel_settings_update');
    expect(auditActionKey('user.sign_in')).toBe('user_sign_in');
  });
});
