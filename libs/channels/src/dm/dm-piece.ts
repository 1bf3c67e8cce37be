import { normalisePostalCode } from '@kizuna/ingest';
import { z } from 'zod';
import { renderTemplate, withFallbacks } from '../templates/render-template';
import type { DmTemplate } from '../templates/template-content.schema';

/** A customer's postal address and name as stored (names and addresses are never NFKC-normalised). */
export interface DmAddressInput {
  postalCode: string | null;
  prefecture: string | null;
  city: string | null;
  addressLine1: string | null;
  addressLine2: string | null;
  familyName: string | null;
  givenName: string | null;
}

/**
 * One printed piece as it was decided when the message joined its batch: stored as the message's
 * `rendered`, so the print file shows the address the customer had then, whatever changes later.
 */
export const DmPieceSchema = z.object({
  creativeId: z.string().min(1),
  couponCode: z.string().nullable(),
  /** The template's free text line, rendered. */
  message: z.string().nullable(),
  address: z.object({
    /** NNN-NNNN. */
    postalCode: z.string().regex(/^\d{3}-\d{4}$/),
    prefecture: z.string().nullable(),
    city: z.string().nullable(),
    addressLine1: z.string().min(1),
    addressLine2: z.string().nullable(),
    familyName: z.string().nullable(),
    givenName: z.string().nullable(),
  }),
});
export type DmPiece = z.infer<typeof DmPieceSchema>;

export type ComposedDmPiece = { ok: true; piece: DmPiece } | { ok: false; reason: string };

/** One line of a label: line breaks and tabs in a stored address would break the vendor's layout. */
function labelText(value: string | null): string | null {
  const text = value?.replace(/\s*[\r\n\t]+\s*/g, ' ').trim();
  return text ? text : null;
}

/**
 * The piece for one customer: the creative, the coupon, the rendered message line and the address.
 * A postal code that is not seven digits cannot be delivered (Japan Post sorts by it), so the piece
 * is refused rather than printed.
 */
export function composeDmPiece(
  template: DmTemplate,
  data: { coupon: { code: string | null } } & object,
  address: DmAddressInput,
): ComposedDmPiece {
  const postal = address.postalCode ? normalisePostalCode(address.postalCode) : null;
  if (!postal?.ok) return { ok: false, reason: `invalid-postal-code: ${postal ? postal.reason : 'missing'}` };
  const addressLine1 = labelText(address.addressLine1);
  if (!addressLine1) return { ok: false, reason: 'no-recipient' };
  const message = template.message
    ? renderTemplate(template.message, withFallbacks(data, template.fallbacks)).trim() || null
    : null;
  return {
    ok: true,
    piece: {
      creativeId: template.creativeId,
      couponCode: data.coupon.code,
      message,
      address: {
        postalCode: postal.value,
        prefecture: labelText(address.prefecture),
        city: labelText(address.city),
        addressLine1,
        addressLine2: labelText(address.addressLine2),
        familyName: labelText(address.familyName),
        givenName: labelText(address.givenName),
      },
    },
  };
}
