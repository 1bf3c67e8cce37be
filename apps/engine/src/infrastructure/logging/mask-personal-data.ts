// Personal data reaches logs mostly inside text we do not write ourselves: an SMTP server's
// "550 <taro@example.jp>: user unknown", a provider's error naming a phone number or LINE user.
// Field names are redacted by pino's `redact`; these patterns cover the free text.
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
// E.164 (+819012345678) and Japanese national forms (090-1234-5678, 03 1234 5678, 09012345678).
// A national form must hold 10 or 11 digits, so ids like 20261206-000123 are left alone.
const PHONE = /(?<![\p{N}-])(?:\+\d{8,15}|0\d{1,4}[- ]?\d{1,4}[- ]?\d{3,4})(?![\p{N}-])/gu;

function maskPhone(match: string): string {
  if (match.startsWith('+')) return '[phone]';
  const digits = match.replace(/\D/g, '').length;
  return digits === 10 || digits === 11 ? '[phone]' : match;
}
// LINE user ids: "U" and 32 hex digits.
const LINE_USER_ID = /\bU[0-9a-f]{32}\b/g;

/** The text with e-mail addresses, phone numbers and LINE user ids replaced by their kind. */
export function maskPersonalText(text: string): string {
  return text.replace(EMAIL, '[email]').replace(LINE_USER_ID, '[line-user]').replace(PHONE, maskPhone);
}

export interface SerializedError {
  type?: string;
  message?: string;
  stack?: string;
  [key: string]: unknown;
}

/** An error as pino's standard serializer writes it, with personal data masked in its texts. */
export function maskSerializedError(error: SerializedError): SerializedError {
  const masked: SerializedError = { ...error };
  if (typeof masked.message === 'string') masked.message = maskPersonalText(masked.message);
  if (typeof masked.stack === 'string') masked.stack = maskPersonalText(masked.stack);
  return masked;
}
