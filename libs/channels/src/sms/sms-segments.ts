/**
 * How an SMS body is encoded and into how many parts it is split, as carriers bill it and as
 * Twilio's segment calculator counts it.
 *
 * - GSM-7 (3GPP TS 23.038 §6.2.1): the basic set costs one septet a character; the extension table
 *   (§6.2.1.1: form feed, ^ { } \ [ ~ ] | €) costs two (ESC + the character).
 * - UCS-2 as soon as one character is outside both tables (any Japanese text): one UTF-16 code unit
 *   per character, two for a character outside the BMP (an emoji).
 *
 * One part holds 160 septets or 70 code units; a longer message is concatenated, and the 6-octet
 * user data header leaves 153 septets or 67 code units a part (3GPP TS 23.040 §9.2.3.24.1). An
 * escape pair or a surrogate pair is never cut across two parts, so a part can end short.
 */
export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsSegmentation {
  encoding: SmsEncoding;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  units: number;
  /** Parts the message is sent (and billed) as; 0 for an empty body. */
  segments: number;
}

/** The most parts Kizuna sends one message as (Twilio accepts up to 1,600 characters, ~10 parts). */
export const SMS_MAX_SEGMENTS = 10;

const GSM7_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
    '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const GSM7_EXTENSION = new Set('\f^{}\\[~]|€');

const CAPACITY: Record<SmsEncoding, { single: number; part: number }> = {
  'GSM-7': { single: 160, part: 153 },
  'UCS-2': { single: 70, part: 67 },
};

export function isGsm7Character(character: string): boolean {
  return GSM7_BASIC.has(character) || GSM7_EXTENSION.has(character);
}

export function smsSegments(text: string): SmsSegmentation {
  // Code points, not graphemes: carriers count septets and UTF-16 units, and split between code points.
  // eslint-disable-next-line @typescript-eslint/no-misused-spread
  const characters = [...text];
  const encoding: SmsEncoding = characters.every(isGsm7Character) ? 'GSM-7' : 'UCS-2';
  const sizes = characters.map((c) => (encoding === 'GSM-7' ? (GSM7_EXTENSION.has(c) ? 2 : 1) : c.length));
  const units = sizes.reduce((sum, size) => sum + size, 0);
  const { single, part } = CAPACITY[encoding];
  if (units === 0) return { encoding, units, segments: 0 };
  if (units <= single) return { encoding, units, segments: 1 };
  let segments = 1;
  let used = 0;
  for (const size of sizes) {
    if (used + size > part) {
      segments += 1;
      used = 0;
    }
    used += size;
  }
  return { encoding, units, segments };
}
