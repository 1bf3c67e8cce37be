import { normaliseEmail } from '../normalise/email';
import { normaliseIdentifier, normaliseMemberNo } from '../normalise/identifier';
import { normaliseLineUserId } from '../normalise/line-user-id';
import { normalisePhone } from '../normalise/phone';
import { ok } from '../values/parsed';
import type { RowReader } from './row-reader';

/** How a row names its customer: any of these identities, all normalised. */
export interface CustomerReference {
  /** The customer's id in the import's source system. */
  externalId?: string;
  email?: string;
  phone?: string;
  lineUserId?: string;
  memberNo?: string;
}

export const CUSTOMER_REFERENCE_COLUMNS = ['customer_id', 'email', 'phone', 'line_user_id', 'member_no'] as const;

export const CUSTOMER_REFERENCE_GROUP = { label: 'customer reference', columns: CUSTOMER_REFERENCE_COLUMNS };

export function readCustomerReference(reader: RowReader): CustomerReference | undefined {
  const reference: CustomerReference = {};
  const externalId = reader.optional('customer_id', (raw) => ok(normaliseIdentifier(raw)));
  if (externalId) reference.externalId = externalId;
  const email = reader.optional('email', normaliseEmail);
  if (email) reference.email = email;
  const phone = reader.optional('phone', (raw) => normalisePhone(raw, reader.context.defaultCountry));
  if (phone) reference.phone = phone;
  const lineUserId = reader.optional('line_user_id', normaliseLineUserId);
  if (lineUserId) reference.lineUserId = lineUserId;
  const memberNo = reader.optional('member_no', (raw) => ok(normaliseMemberNo(raw)));
  if (memberNo) reference.memberNo = memberNo;
  if (Object.keys(reference).length > 0) return reference;
  const blank = CUSTOMER_REFERENCE_COLUMNS.every((column) => !reader.text(column));
  if (blank)
    reader.issue('customer_id', `a customer reference is required: one of ${CUSTOMER_REFERENCE_COLUMNS.join(', ')}`);
  return undefined;
}
