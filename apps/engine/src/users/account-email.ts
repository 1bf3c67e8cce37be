import { ValidationFailedError } from '@kizuna/shared';

const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+$/;

/** Sign-in names compare as customers' emails do: NFKC, trimmed, lower-cased. */
export function normaliseAccountEmail(email: string): string {
  return email.normalize('NFKC').trim().toLowerCase();
}

export function validAccountEmail(email: string): string {
  const normalised = normaliseAccountEmail(email);
  if (!EMAIL_SHAPE.test(normalised) || normalised.length > 254)
    throw new ValidationFailedError('Invalid email', [{ field: 'email', message: 'is not an email address' }]);
  return normalised;
}
