import { normaliseEmail } from './email';
import { normaliseIdentifier, normaliseMemberNo } from './identifier';
import { normaliseLineUserId } from './line-user-id';
import { normalisePhone } from './phone';
import { normalisePostalCode } from './postal-code';

describe('identity normalisation', () => {
  it('applies NFKC to identifiers so full-width and half-width forms are one id', () => {
    expect(normaliseIdentifier(' ＡＢＣ－１２３ ')).toBe('ABC-123');
    expect(normaliseIdentifier('ｳﾙｵｲ-01')).toBe('ウルオイ-01');
    expect(normaliseIdentifier('EC0001')).toBe('EC0001');
  });

  it('removes separators from member numbers', () => {
    expect(normaliseMemberNo('２０００−１２３４ ５６７８')).toBe('200012345678');
    expect(normaliseMemberNo('2000-1234-5678')).toBe('200012345678');
  });

  it('trims and lower-cases emails, full-width included', () => {
    expect(normaliseEmail('  Hanako.Sato@Example.JP ')).toEqual({ ok: true, value: 'hanako.sato@example.jp' });
    expect(normaliseEmail('ｈａｎａｋｏ＠ｅｘａｍｐｌｅ．ｃｏｍ')).toEqual({ ok: true, value: 'hanako@example.com' });
    expect(normaliseEmail('hanako@example')).toEqual({ ok: false, reason: '"hanako@example" is not an email address' });
    expect(normaliseEmail('hanako sato@example.com').ok).toBe(false);
  });

  it('writes phones in E.164 with +81 as the default country', () => {
    expect(normalisePhone('090-1234-5678')).toEqual({ ok: true, value: '+819012345678' });
    expect(normalisePhone('０９０－１２３４－５６７８')).toEqual({ ok: true, value: '+819012345678' });
    expect(normalisePhone('+81 90 1234 5678')).toEqual({ ok: true, value: '+819012345678' });
    expect(normalisePhone('03-1234-5678')).toEqual({ ok: true, value: '+81312345678' });
    expect(normalisePhone('(090)1234-5678')).toEqual({ ok: true, value: '+819012345678' });
    expect(normalisePhone('+1 212 555 0123', 'JP')).toEqual({ ok: true, value: '+12125550123' });
    expect(normalisePhone('090-1234-567')).toEqual({ ok: false, reason: '"090-1234-567" is not a valid phone number' });
    expect(normalisePhone('hello').ok).toBe(false);
  });

  it('formats postal codes as NNN-NNNN', () => {
    expect(normalisePostalCode('1500001')).toEqual({ ok: true, value: '150-0001' });
    expect(normalisePostalCode('〒１５０－０００１')).toEqual({ ok: true, value: '150-0001' });
    expect(normalisePostalCode('150-001').ok).toBe(false);
  });

  it('accepts LINE user ids only in their documented shape', () => {
    const id = `U${'0123456789abcdef'.repeat(2)}`;
    expect(normaliseLineUserId(id)).toEqual({ ok: true, value: id });
    expect(normaliseLineUserId('U1234').ok).toBe(false);
  });
});
