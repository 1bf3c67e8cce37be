import { isTestMessageChannel, recipientIssue } from './test-message.schema';

describe('test message recipients', () => {
  it('takes the recipient each channel sends to', () => {
    expect(recipientIssue('email', 'tanaka@example.jp')).toBeNull();
    expect(recipientIssue('line', `U${'0123456789abcdef'.repeat(2)}`)).toBeNull();
    expect(recipientIssue('sms', '+819012345678')).toBeNull();
  });

  it('says what a wrong one must be', () => {
    expect(recipientIssue('email', 'tanaka')).toBe('must be an email address');
    expect(recipientIssue('line', 'U123')).toBe('must be a LINE user id (U followed by 32 hex digits)');
    expect(recipientIssue('sms', '09012345678')).toBe('must be an E.164 number like +819012345678');
  });

  it('offers channels with a provider, not direct mail', () => {
    expect(['email', 'line', 'sms', 'dm'].filter(isTestMessageChannel)).toEqual(['email', 'line', 'sms']);
  });
});
