import { audienceFile, normaliseAudienceEmail, normaliseAudiencePhone } from './audience-file';

// SHA-256 test vectors computed independently (sha256sum).
const TEST_AT_EXAMPLE = '973dfe463ec85785f5f95af5ba3906eedb2d931c24e69824a89ea65dba4e813b';
const PLUS_819012345678 = '3d06a39d40790f11761295e053029378ae28c4b4f6f301693005e079f3d4ca64';

describe('ad platform audiences', () => {
  it('normalises emails (trimmed, lower-cased) and phones (E.164)', () => {
    expect(normaliseAudienceEmail('  Test@Example.COM ')).toBe('test@example.com');
    expect(normaliseAudienceEmail('nobody')).toBeNull();
    expect(normaliseAudiencePhone('090-1234-5678')).toBe('+819012345678');
    expect(normaliseAudiencePhone('12')).toBeNull();
  });

  it('hashes only identities whose channel has consent, sorted by hash, and counts what it left out', () => {
    const file = audienceFile([
      {
        customerId: 1,
        email: 'Test@Example.com',
        phone: '+819012345678',
        emailConsent: 'granted',
        smsConsent: 'granted',
      },
      { customerId: 2, email: 'no@example.com', phone: '09012345678', emailConsent: 'revoked', smsConsent: 'granted' },
      { customerId: 3, email: 'x@example.com', phone: null, emailConsent: null, smsConsent: null },
      { customerId: 4, email: null, phone: null, emailConsent: 'granted', smsConsent: null },
    ]);
    expect(file.bytes.toString('utf8')).toBe(
      `email_sha256,phone_sha256\r\n,${PLUS_819012345678}\r\n${TEST_AT_EXAMPLE},${PLUS_819012345678}\r\n`,
    );
    expect(file.counts).toEqual({ members: 4, rows: 2, withEmail: 1, withPhone: 2, withoutConsent: 1 });
  });
});
