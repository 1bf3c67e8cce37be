import { normalisePhone } from '@kizuna/ingest';
import { ean13CheckDigit, emailTag, lineUserId, memberNumber, mobileDigits } from './identities';
import { formatPhone, messyEmail, toFullWidth } from './identity-formats';
import { Random } from './random';

describe('identities', () => {
  const SEED = 123_456_789;
  const COUNT = 50_000;

  it('never gives two customers the same phone, card, LINE id or email tag', () => {
    for (const identity of [mobileDigits, memberNumber, lineUserId, emailTag]) {
      const values = new Set<string>();
      for (let index = 0; index < COUNT; index++) values.add(identity(SEED, index));
      expect(values.size).toBe(COUNT);
    }
  });

  it('writes valid Japanese mobile numbers', () => {
    for (let index = 0; index < 2000; index++) {
      const digits = mobileDigits(SEED, index);
      expect(digits).toMatch(/^0[789]0[1-9]\d{7}$/);
      expect(normalisePhone(digits)).toEqual({ ok: true, value: `+81${digits.slice(1)}` });
    }
  });

  it('writes 13-digit member numbers starting with 2 with an EAN-13 check digit', () => {
    expect(ean13CheckDigit('490123456789')).toBe('4');
    const memberNo = memberNumber(SEED, 42);
    expect(memberNo).toMatch(/^2\d{12}$/);
    expect(memberNo.slice(12)).toBe(ean13CheckDigit(memberNo.slice(0, 12)));
  });

  it('writes LINE user ids as U + 32 lowercase hex digits', () => {
    expect(lineUserId(SEED, 7)).toMatch(/^U[0-9a-f]{32}$/);
  });
});

describe('identity formats', () => {
  it('writes one phone in every form the importer normalises back to it', () => {
    expect(formatPhone('09012345678', 'hyphenated')).toBe('090-1234-5678');
    expect(formatPhone('09012345678', 'plain')).toBe('09012345678');
    expect(formatPhone('09012345678', 'fullWidth')).toBe('０９０－１２３４－５６７８');
    expect(formatPhone('09012345678', 'international')).toBe('+81 90-1234-5678');
    expect(formatPhone('09012345678', 'e164')).toBe('+819012345678');
    for (const style of ['hyphenated', 'plain', 'fullWidth', 'international', 'e164'] as const) {
      expect(normalisePhone(formatPhone('09012345678', style))).toEqual({ ok: true, value: '+819012345678' });
    }
  });

  it('converts digits, hyphens and plus signs to full width', () => {
    expect(toFullWidth('+81-2a')).toBe('＋８１－２a');
  });

  it('messes up a few emails without changing them after trim and lower-case', () => {
    const random = new Random(1, 2, 3);
    const written = Array.from({ length: 2000 }, () => messyEmail(random, 'hanako.sato.abc12@example.jp'));
    const messy = written.filter((email) => email !== 'hanako.sato.abc12@example.jp');
    expect(messy.length).toBeGreaterThan(50);
    expect(messy.length).toBeLessThan(150);
    for (const email of messy) expect(email.trim().toLowerCase()).toBe('hanako.sato.abc12@example.jp');
  });
});
