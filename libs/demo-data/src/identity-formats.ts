import type { Random } from './random';

/**
 * Identities written the way real source systems hold them. Store staff type phone numbers with
 * full-width digits on Japanese IMEs, EC forms keep whatever the customer typed, and older exports
 * use +81. The importer normalises all of these (NFKC, trim, lower-case, E.164), so each variant
 * still identifies the same person and exercises the normalisation.
 */

const FULL_WIDTH_OFFSET = 0xfee0; // '０' (U+FF10) - '0' (U+0030); also maps '-' to '－' and '+' to '＋'

export function toFullWidth(text: string): string {
  let result = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const convertible = (code >= 0x30 && code <= 0x39) || code === 0x2d || code === 0x2b;
    result += String.fromCharCode(convertible ? code + FULL_WIDTH_OFFSET : code);
  }
  return result;
}

/** '09012345678' -> '090-1234-5678'. */
export function hyphenatedMobile(digits: string): string {
  return `${digits.slice(0, 3)}-${digits.slice(3, 7)}-${digits.slice(7)}`;
}

export type PhoneStyle = 'hyphenated' | 'plain' | 'fullWidth' | 'international' | 'e164';

export function formatPhone(digits: string, style: PhoneStyle): string {
  switch (style) {
    case 'hyphenated':
      return hyphenatedMobile(digits);
    case 'plain':
      return digits;
    case 'fullWidth':
      return toFullWidth(hyphenatedMobile(digits));
    case 'international':
      return `+81 ${hyphenatedMobile(digits).slice(1)}`;
    case 'e164':
      return `+81${digits.slice(1)}`;
  }
}

/** EC forms: mostly hyphenated or plain, a few full-width or international. */
export function ecPhoneStyle(random: Random): PhoneStyle {
  const roll = random.float();
  return roll < 0.6
    ? 'hyphenated'
    : roll < 0.85
      ? 'plain'
      : roll < 0.9
        ? 'fullWidth'
        : roll < 0.95
          ? 'international'
          : 'e164';
}

/** Store registers: keyed in by staff, so full-width digits are common. */
export function posPhoneStyle(random: Random): PhoneStyle {
  const roll = random.float();
  return roll < 0.7 ? 'hyphenated' : roll < 0.9 ? 'plain' : 'fullWidth';
}

/** About one email in twenty arrives capitalised or padded with spaces. */
export function messyEmail(random: Random, email: string): string {
  const roll = random.float();
  if (roll < 0.02) return ` ${email} `;
  if (roll < 0.05) {
    const at = email.indexOf('@');
    return capitalise(email.slice(0, at)) + '@' + capitalise(email.slice(at + 1));
  }
  return email;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Card numbers typed from the back of the card sometimes come out full-width. */
export function messyMemberNumber(random: Random, memberNo: string): string {
  return random.chance(0.05) ? toFullWidth(memberNo) : memberNo;
}
